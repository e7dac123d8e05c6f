"""Verify a sign network against a Boolean map: exhaustively on all ``2^M`` inputs, or sampled.

Exhaustive mode uses the support-factored evaluator of :mod:`constructions.factored` (default) or
the plain chunked dense evaluator :func:`constructions.evaluate.evaluate_batch` (``engine="dense"``,
the reference). Both are exact integer arithmetic and both check every unit's pre-activation for
0 on every input. Exhaustive verification is refused above :data:`MAX_EXHAUSTIVE_INPUTS` inputs,
or when it is estimated to take more than :data:`MAX_UNFORCED_SECONDS`, unless ``force=True``;
the message gives the estimated time and memory (:func:`estimate_cost`). ``samples=S`` checks
``S`` distinct uniformly random inputs (seeded) instead.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from capacity.errors import UsageError
from capacity.options import check_seed
from constructions.boolean import MAX_TABLE_INPUTS, BooleanFunction, all_inputs, check_flag
from constructions.evaluate import batch_evaluator, exact_dtype
from constructions.factored import DEFAULT_CHUNK_BYTES, FactoredPlan, factored_chunks, factored_plan
from constructions.network import SignNetwork

__all__ = ["ASSUMED_RATE", "FACTORED_RATE", "MAX_EXHAUSTIVE_INPUTS", "MAX_UNFORCED_SECONDS",
           "DENSE_OBJECT_RATE", "OBJECT_RATE",
           "Counterexample", "TooLongToVerify", "VerificationResult", "estimate_cost",
           "verify"]

#: Largest M verified exhaustively without ``force=True``.
MAX_EXHAUSTIVE_INPUTS = 24

#: Longest exhaustive verification (estimated seconds) run without ``force=True``.
MAX_UNFORCED_SECONDS = 900.0

#: Input×edge evaluations per second of the dense engine assumed in its estimate: the slower of
#: the two benchmark cases in docs/benchmarks.md (lookup at M = 16, about 5e9 on a shared 2-core
#: machine), so the estimate errs on the long side.
ASSUMED_RATE = 5e9

#: Array elements per second of the factored engine (:func:`constructions.factored.factored_work`)
#: assumed in its estimate, on the long side: measured 1.7e9–6.4e9 on the 2-core machine for
#: lookup, hall, depth3, xorsys, gated and hamming networks taking 0.3–20 s (docs/benchmarks.md,
#: 2026-12-03); hall at M = 24, 1.1e11 elements, took 16 s, and a second job on the machine
#: halves the rate.
FACTORED_RATE = 1e9

#: Elements per second of either engine once pre-activations need Python integers (a bound of
#: 2^62 or more: numpy object arrays), assumed in the estimate, on the long side: hall with
#: 64–512 outputs (weights of N + 2 bits) ran at 9·10^6–2.8·10^7 on the 2-core machine; the
#: float rates above made M = 8, N = 512 "0.26 s" for 29–38 s and M = 20, N = 64 "7 min" for
#: hours, unrefused (2026-12-05 review).
OBJECT_RATE = 5e6

#: The same for the dense evaluator (``engine="dense"`` and sampled checks), which adds whole
#: rows of Python integers: measured ≈ 3·10^7 on hall at M = 14 with 80 outputs (2 048 samples
#: in 43.6 s); :data:`OBJECT_RATE` there made a sample 6× dearer than it is and refused checks
#: cheaper than the exhaustive one it accepted (2026-12-05 review).
DENSE_OBJECT_RATE = 2e7

#: Output signs compared with the target per second (2^M × N of them), on the long side:
#: 8.6·10^7–1.8·10^8 for a correct one-unit network at M = 22..24, 1.8·10^7 where a quarter
#: of the outputs are wrong (counterexamples collected), on the 2-core machine. Without it a
#: one-unit network at M = 26 was estimated at 1.6e-08 s for a 3.95 s check (2026-12-06 review).
COMPARE_RATE = 5e7


class TooLongToVerify(UsageError):
    """An exhaustive check refused without ``force`` (above M = 24 or estimated at more than
    :data:`MAX_UNFORCED_SECONDS`): ``what`` says what it would cost, ``fix`` how to run it
    anyway, in the caller's words (``constructions.testing.assert_realises`` has ``force=True``
    and no sample; its refusal named ``--force`` and ``--samples``, 2026-12-05 review).

    Examples
    --------
    >>> str(TooLongToVerify("exhaustive verification checks 2**30 inputs", "pass --force"))
    'exhaustive verification checks 2**30 inputs; pass --force'
    """

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(f"{what}; {fix}")
        self.what, self.fix = what, fix


@dataclass(frozen=True)
class Counterexample:
    """An input on which the network's outputs differ from the target.

    Examples
    --------
    >>> Counterexample(3, (1,), (-1,)).to_dict()
    {'index': 3, 'expected': [1], 'got': [-1]}
    """

    index: int
    expected: tuple[int, ...]
    got: tuple[int, ...]

    def to_dict(self) -> dict:
        """JSON-ready dict.

        Examples
        --------
        >>> import json
        >>> d = Counterexample(5, (1, -1), (1, 1)).to_dict()
        >>> d["expected"], json.loads(json.dumps(d)) == d   # tuples become JSON lists
        ([1, -1], True)
        """
        return {"index": self.index, "expected": list(self.expected), "got": list(self.got)}


@dataclass(frozen=True)
class VerificationResult:
    """Outcome of :func:`verify`.

    Attributes
    ----------
    ok : bool
        No counterexample and no zero pre-activation among the inputs checked.
    exhaustive : bool
        All ``2^M`` inputs were checked (else a sample).
    checked : int
        Number of inputs checked.
    wrong : int
        Number of checked inputs with some wrong output.
    counterexamples : tuple of Counterexample
        The first wrong inputs (in index order), at most ``max_counterexamples``.
    zero_preactivations : int
        Number of checked inputs on which some unit's pre-activation is 0.
    zero_indices : tuple of int
        The first such inputs.
    seconds : float
        Wall time of the check.
    edge_evaluations : int
        ``checked × edges``.
    sample_seed : int or None
        The seed that drew a sampled check's inputs (None for an exhaustive check): the same
        seed checks the same inputs.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR
    >>> r = verify(net, BooleanFunction.from_strings("0111"))
    >>> r.ok, r.checked, r.edge_evaluations
    (True, 4, 8)
    """

    ok: bool
    exhaustive: bool
    checked: int
    wrong: int
    counterexamples: tuple[Counterexample, ...]
    zero_preactivations: int
    zero_indices: tuple[int, ...]
    seconds: float
    edge_evaluations: int
    inputs: int = 0
    engine: str = field(default="factored")
    sample_seed: int | None = None

    def __bool__(self) -> bool:
        """Whether the check passed (``ok``): ``if verify(net, f):`` reads as it says. A failed
        verification was truthy, as every dataclass instance is, so that line always passed
        (2026-12-05 API review).

        Examples
        --------
        >>> from constructions.network import Layer
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR
        >>> bool(verify(net, BooleanFunction.from_strings("0111"))), bool(verify(
        ...     net, BooleanFunction.from_strings("0110")))
        (True, False)
        """
        return self.ok

    def to_dict(self) -> dict:
        """JSON-ready dict of every field.

        Examples
        --------
        >>> import json
        >>> from constructions.network import Layer
        >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR, not XOR
        >>> d = verify(net, BooleanFunction.from_strings("0110")).to_dict()
        >>> d["ok"], d["checked"], d["wrong"], d["counterexamples"]
        (False, 4, 1, [{'index': 3, 'expected': [-1], 'got': [1]}])
        >>> json.loads(json.dumps(d)) == d
        True
        """
        return {
            "ok": self.ok, "exhaustive": self.exhaustive, "checked": self.checked,
            "inputs": self.inputs, "wrong": self.wrong,
            "counterexamples": [c.to_dict() for c in self.counterexamples],
            "zero_preactivations": self.zero_preactivations,
            "zero_indices": list(self.zero_indices), "seconds": self.seconds,
            "edge_evaluations": self.edge_evaluations, "engine": self.engine,
            "sample_seed": self.sample_seed,
        }


def estimate_cost(net: SignNetwork, engine: str = "factored", chunk_bits: int | None = None,
                  *, plan: FactoredPlan | None = None) -> tuple[float, int]:
    """Estimated seconds and peak bytes of exhaustive verification with ``engine`` (and chunks
    of ``2^chunk_bits`` inputs; by default the evaluator's own plan, or ``plan`` when the caller
    has made it).

    The factored engine's time is its element count
    (:attr:`~constructions.factored.FactoredPlan.work`) at :data:`FACTORED_RATE`, the dense
    engine's ``2^M`` × edges at :data:`ASSUMED_RATE`, at :data:`OBJECT_RATE` and
    :data:`DENSE_OBJECT_RATE` where the pre-activations need Python integers, plus the
    comparison of the ``2^M × N`` output signs with the target at :data:`COMPARE_RATE`; the
    rates are measured on the 2-core machine, so the estimate is good to a factor of a few
    there.

    Parameters
    ----------
    net : SignNetwork
        The network.
    engine : str, default "factored"
        ``"factored"``; any other value is priced as the dense engine.
    chunk_bits : int or None, default None
        For the factored plan made here (see :func:`~constructions.factored.factored_plan`).
    plan : FactoredPlan or None, default None
        A ready plan of ``net`` (factored engine); then ``chunk_bits`` is not read.

    Returns
    -------
    tuple of (float, int)
        Estimated seconds and peak bytes.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> seconds, peak = estimate_cost(SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),)))
    >>> seconds < 1e-6, peak > 0
    (True, True)
    >>> seconds, _ = estimate_cost(SignNetwork(26, (Layer.from_lists([[1, 1]], [1], [0, 1]),)))
    >>> 0.5 < seconds < 5   # the 2^26 output comparisons (3.95 s measured)
    True
    """
    arrays = DEFAULT_CHUNK_BYTES
    if engine == "factored":
        plan = factored_plan(net, chunk_bits) if plan is None else plan
        # the plan's dtype is the evaluator's: object arrays hold Python integers
        seconds = plan.work / (OBJECT_RATE if plan.dtype == np.dtype(object) else FACTORED_RATE)
        arrays = max(arrays, plan.largest_array_bytes)  # a larger chunk where it saves work
    else:
        seconds = _dense_seconds(net, 1 << net.inputs)
    table = 2 * net.outputs * (1 << net.inputs)  # target table + signs, one byte each
    return seconds + net.outputs * (1 << net.inputs) / COMPARE_RATE, 4 * arrays + table


def _dense_seconds(net: SignNetwork, inputs: int) -> float:
    """Estimated seconds of the dense evaluator on ``inputs`` inputs: inputs × edges at
    :data:`ASSUMED_RATE`, or :data:`DENSE_OBJECT_RATE` where it computes in Python integers
    (the same :func:`~constructions.evaluate.exact_dtype` test as the evaluator)."""
    exact = exact_dtype(net.preactivation_bound()) == np.dtype(object)
    return inputs * net.sizes().edges / (DENSE_OBJECT_RATE if exact else ASSUMED_RATE)


def _duration(seconds: float) -> str:
    """``seconds`` in the largest unit that keeps it at least 1 (s, min, h, days): two
    significant digits below 10, whole units from 10 on (``:.2g`` wrote 1.2e+02 days).

    Examples
    --------
    >>> _duration(0.5), _duration(2749), _duration(282026), _duration(60), _duration(86400)
    ('0.5 s', '46 min', '3.3 days', '1 min', '1 day')
    >>> _duration(45.3), _duration(10**7), _duration(10**12)
    ('45 s', '116 days', '11,574,074 days')
    """
    unit, size = next(((unit, size) for unit, size in (("days", 86400), ("h", 3600),
                                                       ("min", 60)) if seconds >= size), ("s", 1))
    value = seconds / size
    text = f"{value:.2g}" if value < 10 else f"{value:,.0f}"
    return f"{text} {'day' if text == '1' and unit == 'days' else unit}"


def _check_shapes(net: SignNetwork, function: BooleanFunction) -> None:
    if not isinstance(net, SignNetwork):  # None was a bare AttributeError (2026-12-05 review)
        raise UsageError(f"verify needs a SignNetwork, got {type(net).__name__}")
    if not isinstance(function, BooleanFunction):
        raise UsageError(f"verify needs a BooleanFunction, got {type(function).__name__}")
    if net.inputs != function.inputs and net.inputs > MAX_TABLE_INPUTS:  # no table can match
        raise UsageError(f"the network has M = {net.inputs} inputs; memcap's truth tables and "
                         f"named functions go up to M = {MAX_TABLE_INPUTS}, so it cannot be "
                         "verified against one")
    if net.inputs != function.inputs:
        raise UsageError(f"the network has M = {net.inputs} inputs but the truth table has "
                         f"M = {function.inputs}; give a table of 2**{net.inputs} characters")
    if net.outputs != function.outputs:
        raise UsageError(f"the network has N = {net.outputs} outputs but the truth table has "
                         f"N = {function.outputs}; give {net.outputs} output strings")


def verify(net: SignNetwork, function: BooleanFunction, *, force: bool = False,
           samples: int | None = None, seed: int = 0, chunk: int | None = None,
           max_counterexamples: int = 10, progress: bool = False,
           engine: str = "factored") -> VerificationResult:
    """Check that ``net`` computes ``function``, with exact integer arithmetic.

    Parameters
    ----------
    net : SignNetwork
    function : BooleanFunction
        Target with the same M and N.
    force : bool
        Allow exhaustive checking above :data:`MAX_EXHAUSTIVE_INPUTS` inputs or estimated to
        take more than :data:`MAX_UNFORCED_SECONDS` (:func:`estimate_cost`).
    samples : int, optional
        Check this many distinct uniformly random inputs (seeded by ``seed``) instead (then
        ``chunk`` and ``engine`` are refused: they concern the exhaustive check).
    chunk : int, optional
        Inputs per chunk (a power of two); by default chosen to keep each chunk's largest array
        near 32 MiB.
    max_counterexamples : int
        How many wrong inputs to report (all are counted).
    progress : bool
        Show a rich progress bar on stderr.
    engine : {"factored", "dense"}
        Exhaustive evaluator: support-factored (fast) or the plain dense reference.

    Raises
    ------
    ValueError
        Mismatched M or N, M or the estimated time above its limit without ``force``, a bad
        ``samples`` or ``chunk``.

    Examples
    --------
    >>> from constructions.network import Layer
    >>> net = SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),))   # OR
    >>> r = verify(net, BooleanFunction.from_strings("0110"))              # XOR differs at 3
    >>> r.ok, [c.index for c in r.counterexamples]
    (False, [3])

    References
    ----------
    Exactness: every partial sum is an integer below the pre-activation bound, exact in the
    arithmetic of :func:`constructions.evaluate.exact_dtype`. The parity argument (all values
    ±1, so ``w·v + b ≡ Σw + b mod 2``) proves odd-parity units non-zero on every input.
    """
    _check_shapes(net, function)
    if engine not in ("factored", "dense"):
        raise UsageError(f"unknown engine {engine!r}; choose 'factored' or 'dense'")
    # force="no" forced (2026-12-05 API review); numpy's True_ is taken
    force, progress = check_flag("force", force), check_flag("progress", progress)
    max_counterexamples = _whole(max_counterexamples, "max_counterexamples")
    if max_counterexamples < 0:
        raise UsageError("--max-counterexamples must be >= 0")
    m = net.inputs
    t0 = time.perf_counter()
    if samples is not None:
        if chunk is not None or engine != "factored":  # both were ignored without a word
            # (2026-12-05 API review): a sample is evaluated by the dense evaluator in chunks
            # of its own
            raise UsageError("chunk and engine choose how all 2^M inputs are evaluated; a "
                             "sampled check (samples=...) takes neither")
        samples = _whole(samples, "samples")
        if samples < 1 or samples > 1 << m:  # before the estimate, which --force cannot help
            raise UsageError(f"--samples must be between 1 and 2**M = {1 << m}, got {samples}")
        if not force:  # --samples 2^M ran the 46-minute check the exhaustive estimate refused
            # (2026-12-05 review): the dense evaluator on S inputs, at its own rates
            seconds = _dense_seconds(net, samples)
            if seconds > MAX_UNFORCED_SECONDS:
                raise TooLongToVerify(
                    f"a sampled check of {samples} inputs of this network "
                    f"({net.sizes().neurons} neurons) takes about {_duration(seconds)} on a "
                    "2-core machine", "give fewer --samples or pass --force (with memcap "
                    "verify, --force checks every input instead; from Python: force=True)")
        return _verify_sampled(net, function, samples, seed, max_counterexamples, t0)
    bits = None
    if chunk is not None:
        chunk = _whole(chunk, "chunk")
        if chunk < 1 or chunk & (chunk - 1) or chunk > 1 << m:
            raise UsageError(f"chunk must be a power of two between 1 and 2**M = {1 << m}, "
                             f"got {chunk}")
        bits = chunk.bit_length() - 1
    plan = factored_plan(net, bits) if engine == "factored" else None  # planned once
    if not force:
        seconds, peak = estimate_cost(net, engine, bits, plan=plan)
        if m > MAX_EXHAUSTIVE_INPUTS or seconds > MAX_UNFORCED_SECONDS:
            why = (f"at M = {m} > {MAX_EXHAUSTIVE_INPUTS}" if m > MAX_EXHAUSTIVE_INPUTS else
                   f"of this network ({net.sizes().neurons} neurons)")
            raise TooLongToVerify(
                f"exhaustive verification {why} checks 2**{m} inputs: about "
                f"{_duration(seconds)} and {peak / 2**20:.0f} MiB on a 2-core machine",
                "pass --force to run it or --samples S to check S inputs (from Python: "
                "force=True, samples=S)")
    target = function.signs()  # (N, 2^M)
    if plan is not None:
        stream = factored_chunks(net, plan=plan)
    else:
        stream = _dense_chunks(net, bits)
    tally = _Tally(max_counterexamples)
    total = 1 << m
    with _progress(progress, total) as advance:
        for start, out, zero in stream:
            width = out.shape[1]
            tally.add(start + np.arange(width), out, target[:, start:start + width], zero)
            advance(width)
    return tally.result(True, total, net, time.perf_counter() - t0, engine)


def _whole(value, name: str) -> int:
    """``value`` as an int if it is an integer (Python or numpy, not a bool), else UsageError:
    ``samples=2.9`` checked 2 inputs, ``samples=True`` one, ``chunk=2.5`` used 2 and
    ``max_counterexamples=1.5`` raised TypeError (2026-12-04 review)."""
    if isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_)):
        return int(value)
    raise UsageError(f"{name} must be an integer, got {value!r}")


def _dense_chunks(net: SignNetwork, bits: int | None):
    """The reference: :func:`evaluate_batch` on consecutive chunks of inputs."""
    m = net.inputs
    step = 1 << bits if bits is not None else max(1, (1 << 22) // net.values)
    evaluate = batch_evaluator(net)  # the weights converted once, not once a chunk
    for start in range(0, 1 << m, step):
        stop = min(1 << m, start + step)
        out, low = evaluate(all_inputs(m, start, stop))  # (B, N), (B,)
        yield start, out.T, np.asarray(low == 0, dtype=bool)


class _Tally:
    """Accumulates wrong inputs and zero pre-activations over chunks."""

    def __init__(self, keep: int) -> None:
        self.keep, self.wrong, self.zeros = keep, 0, 0
        self.examples: list[Counterexample] = []
        self.zero_idx: list[int] = []

    def add(self, idx: np.ndarray, out: np.ndarray, expected: np.ndarray, zero: np.ndarray):
        bad = np.flatnonzero(np.any(out != expected, axis=0))  # (wrong,)
        self.wrong += int(bad.size)
        for b in bad[: max(0, self.keep - len(self.examples))].tolist():
            self.examples.append(Counterexample(int(idx[b]), tuple(int(v) for v in expected[:, b]),
                                                tuple(int(v) for v in out[:, b])))
        zi = np.flatnonzero(zero)
        self.zeros += int(zi.size)
        self.zero_idx += [int(idx[z]) for z in zi[: max(0, self.keep - len(self.zero_idx))]]

    def result(self, exhaustive, checked, net, seconds, engine,
               sample_seed: int | None = None) -> VerificationResult:
        return VerificationResult(
            ok=self.wrong == 0 and self.zeros == 0, exhaustive=exhaustive, checked=checked,
            wrong=self.wrong, counterexamples=tuple(self.examples),
            zero_preactivations=self.zeros, zero_indices=tuple(self.zero_idx),
            seconds=seconds, edge_evaluations=checked * net.sizes().edges, inputs=net.inputs,
            engine=engine, sample_seed=sample_seed)


def _verify_sampled(net, function, samples, seed, keep, t0) -> VerificationResult:
    m = net.inputs
    seed = check_seed(seed)
    if seed is None:  # an unseeded draw ran the whole check, then int(None) raised TypeError
        raise UsageError("a sampled check needs an integer seed (it is recorded, so the same "
                         "seed checks the same inputs), got None")
    rng = np.random.default_rng(seed)
    idx = np.sort(rng.choice(1 << m, size=samples, replace=False)).astype(np.int64)  # (S,)
    tally = _Tally(keep)
    step = max(1, (1 << 22) // net.values)
    target = function.signs()  # (N, 2^M)
    shifts = np.arange(m, dtype=np.int64)
    evaluate = batch_evaluator(net)  # the weights converted once, not once a chunk
    for s in range(0, samples, step):
        sel = idx[s:s + step]  # (B,)
        # the inputs of one chunk at a time: all S at once took S·M int64 (56 GiB for 2^28
        # samples at M = 28: status 70, 2026-12-04 review)
        x = (2 * ((sel[:, None] >> shifts) & 1) - 1).astype(np.int8)  # (B, M)
        out, low = evaluate(x)  # (B, N), (B,)
        tally.add(sel, out.T, target[:, sel], np.asarray(low == 0))
    # a sample of all 2^M inputs (drawn without replacement) checked every one: exhaustive
    # (construct --samples 8 at M = 3 warned that its file was checked on a sample, review)
    every = samples == 1 << m
    return tally.result(every, samples, net, time.perf_counter() - t0, "sampled",
                        None if every else seed)


class _progress:
    """Context manager yielding an ``advance(n)`` callable (a rich bar on stderr if enabled)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total, self.bar = enabled, total, None

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from capacity.terminal import progress_bar

        self.bar = progress_bar()
        self.bar.__enter__()
        task = self.bar.add_task("verifying", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)

