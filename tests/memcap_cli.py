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

__all__ = ["drop_sweep_report", "memcap_main", "memcap_process", "memcap_runner"]


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


def drop_sweep_report(out) -> None:
    """Make the sweep folder ``out`` one whose report was never written: delete the report that
    ``memcap sweep`` writes when it completes (``report.md``, ``phenomena.json``, the figures,
    ``.memcap-report.json``)
    and take them off the folder's marker (a sweep folder as ``memcap sweep`` left it before
    2026-12-05, or after a report was moved away), for tests of ``memcap report`` itself."""
    import json
    from pathlib import Path

    out = Path(out)
    dropped = {"report.md", "phenomena.json", ".memcap-report.json",
               *(p.name for p in out.glob("*.png"))}
    for name in dropped:
        (out / name).unlink(missing_ok=True)
    marker = out / ".memcap-folder"
    if marker.is_file():
        data = json.loads(marker.read_text())
        data["entries"] = [e for e in data["entries"] if e not in dropped]
        marker.write_text(json.dumps(data) + "\n")

