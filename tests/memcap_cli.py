"""Calling the ``memcap`` command from tests, one way each (this folder is on sys.path).

* :func:`memcap_process` runs ``python -m memcap`` in a fresh process (what a user's shell does:
  imports, exit status, stderr);
* :func:`memcap_main` calls ``memcap.cli.main`` in this process and returns the exit status with
  what it printed (fast; for output checks);
* :func:`memcap_runner` invokes the click group through ``CliRunner`` (exit code, stdout).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

__all__ = ["memcap_main", "memcap_process", "memcap_runner"]


def memcap_process(*args, timeout: float = 180) -> subprocess.CompletedProcess:
    """``python -m memcap ARGS`` in a new process, output captured as text."""
    return subprocess.run([sys.executable, "-m", "memcap", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def memcap_main(capsys, *args) -> tuple[int, str, str]:
    """``memcap ARGS`` in this process: ``(exit status, stdout, stderr)``."""
    from memcap.cli import main

    with pytest.raises(SystemExit) as exc:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return exc.value.code, out.out, out.err


def memcap_runner(*args) -> tuple[int, str]:
    """``memcap ARGS`` through click's ``CliRunner`` in this process: ``(exit code, stdout)``."""
    from click.testing import CliRunner

    from memcap.cli import cli

    r = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return r.exit_code, r.stdout
