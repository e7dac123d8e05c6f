"""The memcap shell: version, help, lazy imports and the exit-status convention."""

import subprocess
import sys
import time

import pytest
from memcap_cli import memcap_process as run

from memcap import __version__
from memcap.cli import COMMANDS, main


def test_version_is_fast_and_does_not_import_torch():
    probe = ("import sys, time; t = time.perf_counter(); from memcap.cli import main\n"
             "try:\n    main(['--version'])\nexcept SystemExit as e:\n    code = e.code\n"
             "print(code, 'torch' in sys.modules, time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    code, torch_loaded, seconds = out.stdout.split()[-3:]
    assert code == "0" and torch_loaded == "False"
    assert float(seconds) < 1.0
    start = time.perf_counter()
    res = run("--version")
    assert res.returncode == 0 and __version__ in res.stdout
    assert time.perf_counter() - start < 5.0  # whole interpreter start, generous for shared CI


def test_help_lists_every_command_without_importing_packages():
    probe = ("import sys\nfrom memcap.cli import main\ntry:\n    main(['--help'])\n"
             "except SystemExit:\n    pass\n"
             "print(sorted(m for m in ('torch', 'empirical', 'constructions', 'capacity')"
             " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    for name in COMMANDS:
        assert name in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_unknown_command_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "no-such-command" in err and "Traceback" not in err
