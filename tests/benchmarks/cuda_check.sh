#!/usr/bin/env bash
# The GPU checks of issue 17 in one run (figures in docs/benchmarks.md): the CUDA tests, bench
# train on cuda (ensemble against a plain CUDA loop; the l2-blog step against the GPU's fp32
# matmul peak) and members per second at M = 8 and M = 16. Run from the repository root on a
# machine whose python3 has a CUDA torch; results go to $OUT (default /tmp/cuda-check).
# Wheels in .whl/ (typer, click: this project's pinned ranges) are installed first if present.
set -o pipefail
export PYTHONUNBUFFERED=1
OUT=${OUT:-/tmp/cuda-check}
mkdir -p "$OUT"
if [ -d .whl ]; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
        --target /tmp/site .whl/*.whl && export PYTHONPATH=/tmp/site
fi
python3 -m pip install -q --no-index --no-deps --no-build-isolation -e . 2>&1 | tail -2
{ nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
  python3 -c "import torch; print('torch', torch.__version__, torch.cuda.get_device_name())"
} 2>&1 | tee "$OUT/gpu.txt"
python3 -m pytest -q -p no:cacheprovider tests/empirical/test_cuda.py \
    tests/empirical/test_device_placement.py 2>&1 | tee "$OUT/tests.txt"
# JSON on stdout only: a warning on stderr made the files invalid JSON (2026-12-05 review)
python3 -m memcap bench train --device cuda --json 2>>"$OUT/bench.err" \
    | tee "$OUT/bench_train.json"
python3 tests/benchmarks/bench_members.py --device cuda --inputs 8,16 --members 64 \
    2>>"$OUT/bench.err" | tee "$OUT/members.jsonl"
python3 tests/benchmarks/bench_members.py --device cuda --inputs 8,16 --members 1024 \
    2>>"$OUT/bench.err" | tee -a "$OUT/members.jsonl"
cat "$OUT/bench.err" 2>/dev/null
