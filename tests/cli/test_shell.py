"""The memcap shell: version, help, lazy imports and the exit-status convention."""

import os
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
             "print(sorted(m for m in ('torch', 'sympy', 'numpy', 'empirical', 'constructions',"
             " 'capacity.registry') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    for name in COMMANDS:
        assert name in out.stdout
    assert out.stdout.strip().splitlines()[-1] == "[]"  # only capacity.errors, the error type


def test_unknown_command_exits_2_with_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["no-such-command"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "no-such-command" in err and "Traceback" not in err


# --- usage errors against bugs ----------------------------------------------------------------

def _with_command(monkeypatch, exc):
    """Mount a throw-away command ``boom`` that raises ``exc``."""
    import click

    import memcap.cli as shell

    @click.command("boom")
    def boom():
        raise exc

    monkeypatch.setitem(shell.COMMANDS, "boom", ("memcap.cli", "_boom_for_tests", "test"))
    monkeypatch.setattr(shell, "_boom_for_tests", boom, raising=False)


@pytest.mark.parametrize("exc, status, words", [
    (__import__("capacity.errors", fromlist=["UsageError"]).UsageError("--inputs must be >= 1"),
     2, "memcap: error: --inputs must be >= 1"),
    (ValueError("math domain error"), 70, "memcap: internal error: ValueError: math domain error"),
    (KeyError("rows"), 70, "memcap: internal error: KeyError"),
    (RuntimeError("builder bug"), 70, "this is a bug in memcap"),
    (OSError(28, "No space left on device"), 74, "memcap: I/O error: the disk is full (No "
     "space left on device); free some space on the disk being written (the results' folder, "
     "or the file the output is redirected to)"),
    # a full disk named the file and what to do: it said only "[Errno 28] No space left on
    # device", without the path or the way out (2026-12-06, from a review's note)
    (OSError(28, "No space left on device", "runs/x/metrics.csv"), 74,
     "the disk is full (No space left on device) while writing 'runs/x/metrics.csv'; free "
     "some space there, or give --out or --save a place on another disk"),
    (OSError(122, "Disk quota exceeded"), 74, "the disk is full (Disk quota exceeded); free"),
    # running out of memory is the machine's limit, not a bug (it was status 70, 2026-12-01)
    (RuntimeError("[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't "
                  "allocate memory: you tried to allocate 36000000000000 bytes."), 74,
     "memcap: I/O error: out of memory"),
    (MemoryError(), 70, "memcap: internal error: MemoryError"),  # a missing limit: a bug
    # a --workers process killed from outside (the kernel's OOM killer): the machine, not a
    # bug (status 70 "this is a bug in memcap" until 2026-12-03)
    (__import__("concurrent.futures.process", fromlist=["BrokenProcessPool"]).BrokenProcessPool(
        "A process in the process pool was terminated abruptly"), 74,
     "memcap: I/O error: a worker process ended abruptly"),
    (OSError(36, "File name too long", "a" * 300), 2, "is too long for the file system"),
    # an EOFError escaping a command is a bug (a truncated read not caught): click turns it
    # into Abort, which read as "memcap: interrupted", status 130 (2026-12-07 audit)
    (EOFError("Compressed file ended before the end-of-stream marker was reached"), 70,
     "memcap: internal error: EOFError: Compressed file ended"),
    # click's own errors with status 1 (a FileError) are bad input, status 2, one line
    (__import__("click").FileError("x.json", "cannot open"), 2, "memcap: error: "),
    # a message of several lines is cut to its first
    (__import__("capacity.errors", fromlist=["UsageError"]).UsageError("first\nsecond"), 2,
     "memcap: error: first\n"),
    (__import__("click").exceptions.Abort(), 130, "memcap: interrupted"),
])
def test_usage_errors_and_bugs_are_told_apart(monkeypatch, capsys, exc, status, words):
    monkeypatch.delenv("MEMCAP_DEBUG", raising=False)
    _with_command(monkeypatch, exc)
    with pytest.raises(SystemExit) as info:
        main(["boom"])
    err = capsys.readouterr().err
    assert info.value.code == status and words in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_ctrl_c_is_the_documented_interrupted_line_without_a_blank_line(monkeypatch, capsys):
    """docs/cli.md: status 130 and ``memcap: interrupted``. click alone would print an empty line
    and ``Aborted``; off a terminal (capsys) no newline comes first."""
    _with_command(monkeypatch, KeyboardInterrupt())
    with pytest.raises(SystemExit) as info:
        main(["boom"])
    assert info.value.code == 130 and capsys.readouterr().err == "memcap: interrupted\n"


@pytest.mark.parametrize("value, shown", [("1", True), ("yes", True), ("0", False),
                                          ("false", False), ("garbage", False)])
def test_memcap_debug_shows_the_traceback_of_a_bug(monkeypatch, capsys, value, shown):
    """Any value switched debug mode on (MEMCAP_DEBUG=0 too), and a bug then exited with
    status 1, which reads as a failed verification (2026-12-01 fuzzing); it stays 70."""
    monkeypatch.setenv("MEMCAP_DEBUG", value)
    _with_command(monkeypatch, RuntimeError("builder bug"))
    with pytest.raises(SystemExit) as info:
        main(["boom"])
    err = capsys.readouterr().err
    assert info.value.code == 70 and "memcap: internal error: RuntimeError: builder bug" in err
    assert ("Traceback" in err) == shown


@pytest.mark.parametrize("argv, hint", [
    (["bounds", "--inputs", "abc"], "see 'memcap bounds --help'"),
    # the parser's own errors carry no context: they named no --help (third fuzzing)
    (["construct", "--save"], "see 'memcap construct --help'"),
    (["--help=1"], "see 'memcap --help'"),
    # a group's subcommand: the hint named the group's help, which lists none of its options
    (["bench", "sweep", "--sizes"], "see 'memcap bench sweep --help'"),
    (["bench", "transformer", "--quick=yes"], "see 'memcap bench transformer --help'"),
    (["bench", "--sizes"], "see 'memcap bench --help'"),
    # 'explain' is -M's value, not a subcommand: bounds' own --kappa lacks its value (it named
    # 'memcap bounds explain --help', which has no --kappa; 2026-12-07 audit)
    (["bounds", "-M", "explain", "--kappa"], "(see 'memcap bounds --help')"),
    (["bounds", "explain", "--bogus"], "(see 'memcap bounds explain --help')"),
])
def test_parser_errors_are_one_line(capsys, argv, hint):
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and len(err.strip().splitlines()) == 1
    assert "memcap: error:" in err and hint in err


@pytest.mark.parametrize("argv, offered, hidden", [
    (["compare", "--table", "0110"], "Did you mean '--trials'?", "--samples"),
    (["bounds", "--dimm", "3"], "Did you mean '--d-in'?", "--dim"),
])
def test_an_unknown_option_is_offered_no_hidden_old_name(capsys, argv, offered, hidden):
    """The suggestion named deprecated hidden options (compare --table offered --samples,
    which then printed its deprecation; 2026-12-06 review)."""
    with pytest.raises(SystemExit) as info:
        main(argv)
    err = capsys.readouterr().err
    assert info.value.code == 2 and offered in err and f"'{hidden}'" not in err


def test_unwritable_file_targets_are_bad_input_before_any_work(capsys):
    for option, name in (("--save", "net.json"), ("--draw", "net.png")):
        with pytest.raises(SystemExit) as info:
            main(["construct", "--table", "0110", option, f"/proc/{name}"])
        err = capsys.readouterr().err
        assert info.value.code == 2 and f"cannot write {option}" in err
        assert len(err.strip().splitlines()) == 1


def test_the_fast_exit_keeps_every_byte_and_the_exit_status():
    # `python -m memcap` leaves with os._exit after flushing; with a closed pipe too, the
    # status is the normal exit's (MEMCAP_SLOW_EXIT=1)
    assert _exit_checks(slow=False) == _exit_checks(slow=True)


def _exit_checks(slow: bool) -> int:
    # `python -m memcap` leaves with os._exit after flushing (skipping the interpreter's
    # teardown); its output and status must equal the normal exit's (MEMCAP_SLOW_EXIT=1)
    import json
    import os

    env = {**os.environ, **({"MEMCAP_SLOW_EXIT": "1"} if slow else {})}
    env.pop("MEMCAP_DEBUG", None)

    def go(*args):
        return subprocess.run([sys.executable, "-m", "memcap", *args], capture_output=True,
                              text=True, timeout=120, env=env)

    ok = go("bounds", "--list", "--json")  # about 22 kB through a pipe
    assert ok.returncode == 0 and len(json.loads(ok.stdout)) > 20
    bad = go("bounds", "--max-inputs", "0", "--answer")
    assert bad.returncode == 2 and bad.stderr.startswith("memcap: error:")
    assert go("--version").stdout.strip().endswith(__version__)
    # a reader that left before memcap wrote: memcap's own status (not a shell pipeline's)
    proc = subprocess.Popen([sys.executable, "-m", "memcap", "bounds", "--list", "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return_code = proc.wait(timeout=120)
    assert "Traceback" not in err
    return return_code


def test_exit_status_of_sys_exit_arguments(capsys):
    from memcap.cli import _exit_status

    assert [_exit_status(c) for c in (None, 0, 2, 70, 256 + 3)] == [0, 0, 2, 70, 3]
    assert _exit_status("message") == 1 and capsys.readouterr().err.strip() == "message"


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}, {"FORCE_COLOR": ""},
                                 {"TTY_COMPATIBLE": "1"},
                                 {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
                                 {"FORCE_TERMINAL": "1"}])
def test_progress_bars_follow_richs_terminal_rule(monkeypatch, env):
    # the rich-free check that picks SilentProgress agrees with rich's own Console.is_terminal
    from capacity.terminal import SilentProgress, progress_console, stderr_is_terminal
    from empirical.cli.console import progress_bar

    for key in ("FORCE_COLOR", "TTY_COMPATIBLE", "FORCE_TERMINAL"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    drawn = progress_console().is_terminal
    assert stderr_is_terminal() == drawn
    assert isinstance(progress_bar(), SilentProgress) == (not drawn)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_output_the_fast_exit_cannot_flush_is_an_io_error():
    # a command that succeeded but whose buffered output does not fit on the disk is an I/O
    # error (status 74, one line), as the normal exit reports it (status 120) — not a success
    import os

    script = ("import sys, memcap.cli as c\n"
              "c.main = lambda argv=None: sys.stdout.write('x' * 100)\n"
              "c.run()\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED",
                                                            "MEMCAP_SLOW_EXIT")}
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", script], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=60, env=env)
    assert done.returncode == 74
    assert done.stderr.startswith("memcap: I/O error:") and len(done.stderr.splitlines()) == 1


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args, status", [
    (["bounds", "-M", "0"], 2),  # memcap's refusal
    (["bounds", "-M", "abc"], 2),  # the parser's
    (["construct", "--table", "0110"], 0),  # a success
])
def test_a_stderr_that_cannot_be_written_keeps_the_exit_status(args, status):
    """With stderr on a full disk the refusal's line could not be written, and the failed write
    ended every refusal with status 1, which reads as a failed check (2026-12-04 audit)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "memcap", *args], stdout=subprocess.PIPE,
                              stderr=full, timeout=60)
    assert done.returncode == status


@pytest.mark.parametrize("args", [["bounds", "-M", "3"], ["bounds", "--list"]])
def test_a_reader_that_leaves_early_is_not_an_error(args):
    """click (closed-pipe handler) and rich (which points stdout at /dev/null and raises
    SystemExit(1)) both made ``memcap bounds ... | head -c 10`` exit 1, which reads as a failed
    verification; docs/cli.md says a reader that left is not an error (2026-12-01 fuzzing)."""
    for _ in range(3):  # whether the pipe closes before or during the writes varies
        proc = subprocess.Popen([sys.executable, "-m", "memcap", *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        proc.stdout.read(10)
        proc.stdout.close()
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0 and err == b"", err


def test_an_output_encoding_that_cannot_show_a_character_is_not_a_bug():
    """PYTHONIOENCODING=ascii made the em dash of bounds' title a UnicodeEncodeError (70)."""
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "memcap", "bounds", "-M", "3"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "\\u2014" in proc.stdout, proc.stderr


def test_a_closed_standard_output_is_an_io_error_not_a_silent_success():
    """``memcap bounds -M 3 >&-`` lost every result and exited 0 (third fuzzing)."""
    proc = subprocess.run([sys.executable, "-m", "memcap", "bounds", "-M", "3"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          timeout=60, preexec_fn=lambda: os.close(1))
    assert proc.returncode == 74 and "standard output is closed" in proc.stderr, proc.stderr


@pytest.mark.parametrize("read", [0, 10])
def test_a_failed_verification_stays_status_1_when_the_reader_leaves(tmp_path, read):
    """The closed-pipe rule above turned a failed check into status 0 (`memcap verify net.json
    | true`: a wrong network looked verified; 2026-12-03 audit)."""
    from constructions.network import Layer, SignNetwork

    net = tmp_path / "or.json"
    SignNetwork(2, (Layer.from_lists([[1, 1]], [1], [0, 1]),)).save(net)  # OR, not XOR
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-m", "memcap", "verify", str(net), "--table",
                                 "0110"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdout.read(read)
        proc.stdout.close()
        proc.stderr.read()
        assert proc.wait(timeout=60) == 1


def test_a_worker_that_dies_raises_what_the_shell_reports_as_74():
    """The mapping above catches what a real pool raises when a worker process dies."""
    import os
    from concurrent.futures import BrokenExecutor

    from empirical.engine.executor import ProcessExecutor

    with ProcessExecutor(workers=1) as ex, pytest.raises(BrokenExecutor):
        ex.map(os._exit, [3])
