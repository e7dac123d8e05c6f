"""Edges of the shared utilities (user files, big-integer text, the interrupt handling, the
terminal) that a mutation audit (2026-12-07) found no test pinned, and its two bugs: a file in
a folder the user may not search escaped ``read_text`` as a bare PermissionError ("I/O error",
status 74), and a closed stderr broke ``stderr_is_terminal``. The interrupt tests call the
installed handlers directly and record what would be sent: no real signal is raised. Each
test fails on the mutants its docstring names (or on the code before the fix)."""

import errno
import io
import pathlib
import signal
import sys
import threading
import time

import pytest
from memcap_cli import memcap_main
from rich.console import Console
from rich.progress import MofNCompleteColumn, TimeElapsedColumn
from rich.table import Table

import capacity.bigint_text as bigint_text
import capacity.interrupts as interrupts
import capacity.user_files as user_files
from capacity.bigint_text import brief_int, dumps_exact
from capacity.errors import UsageError
from capacity.terminal import fit_columns, print_table, progress_bar, stderr_is_terminal
from capacity.user_files import any_int_digits, parse_json, read_text


# ----------------------------------------------------------------------------- user files
def _unsearchable(monkeypatch, path: pathlib.Path) -> None:
    """``path`` lies in a folder the user may not search: stat() fails with EACCES (the tests
    run as root, where chmod cannot show it)."""
    real = pathlib.Path.stat

    def stat(self, *args, **kwargs):
        if str(self) == str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "stat", stat)


def test_a_file_in_an_unsearchable_folder_is_bad_input(monkeypatch, tmp_path, capsys):
    path = tmp_path / "locked" / "c.toml"
    _unsearchable(monkeypatch, path)
    with pytest.raises(UsageError, match="not readable"):
        read_text(path, "config file")
    code, out, err = memcap_main(capsys, "train", "--config", str(path))
    assert code == 2 and "not readable" in err and len(err.strip().splitlines()) == 1


def test_the_bad_byte_named_is_the_first_that_cannot_be_decoded(tmp_path):
    path = tmp_path / "t.txt"
    path.write_bytes(b"01\xe2\x82")  # a three-byte sequence cut short
    with pytest.raises(UsageError, match="the byte 0xe2 at offset 2 cannot"):
        read_text(path, "table file")


def test_any_int_digits_lifts_the_digit_limit_entirely():
    with any_int_digits():
        assert len(str(10**100_000)) == 100_001


@pytest.mark.parametrize("text, kwargs, words", [
    ("[" + "9" * 40_001 + "]", {}, "memcap reads integers up to that length"),
    ("[" + "9" * 5_000 + "]", {"long_ints": False}, "no memcap setting takes"),
])
def test_a_too_long_integer_is_refused_with_the_files_own_reason(text, kwargs, words):
    with pytest.raises(UsageError, match=words):
        parse_json(text, "f", **kwargs)


def test_a_text_of_exactly_the_parse_limit_is_parsed(monkeypatch):
    text = "[1, 2, 3]"
    monkeypatch.setattr(user_files, "memory_limit_bytes", lambda: 5 * len(text))
    assert parse_json(text, "f") == [1, 2, 3]


# ---------------------------------------------------------------------------- big integers
def test_brief_int_keeps_30_digits_whole_and_zero_unsigned():
    v = 10**29 + 7  # 30 digits
    assert brief_int(v) == str(v) and brief_int(-v) == "-" + str(v)
    assert brief_int(10**30) == "1000000000… (31 digits)"
    assert brief_int(0) == "0"


def test_every_huge_integer_is_written_by_int_text(monkeypatch):
    """Past _PLAIN_BITS, inside a tuple too: json's str() is quadratic (an int of
    _PLAIN_BITS + 1 bits, or one in a tuple, went through it)."""
    calls = []
    real = bigint_text.int_text
    monkeypatch.setattr(bigint_text, "int_text", lambda v: calls.append(v) or real(v))
    edge = 2 ** (bigint_text._PLAIN_BITS + 1) - 1
    dumps_exact([edge])
    big = 2**40_000 + 1
    assert dumps_exact({"t": (big, 1)}).startswith('{"t": [' + real(big)[:20])
    assert calls == [edge, big]


# ----------------------------------------------------------------------------- interrupts
@pytest.fixture
def signals_restored(monkeypatch):
    """Every handler and hook these tests touch is put back; what would be sent is recorded
    in the returned list instead of signalled."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    hook = sys.unraisablehook
    sent: list[int] = []
    monkeypatch.setattr(interrupts, "_send", sent.append)
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 0.01)
    yield sent
    for signum, handler in saved.items():
        signal.signal(signum, handler)
    sys.unraisablehook = hook


def _wait_for(sent: list, seconds: float = 30.0) -> None:
    # returns at the first send (≈ 10 ms); the long limit is for a loaded 2-core machine, where
    # 2 s were seen to pass before the redelivery timer's thread ran (2026-12-07 audit)
    end = time.monotonic() + seconds
    while not sent and time.monotonic() < end:
        time.sleep(0.01)


class _SwallowedBy:
    """An object whose finaliser calls ``action`` (Python swallows what it raises)."""

    def __init__(self, action):
        self.action = action

    def __del__(self):
        self.action()


def test_a_second_signal_during_the_cleanup_is_counted_and_ignored(signals_restored):
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGTERM)
        try:
            handler(signal.SIGTERM, None)
        except KeyboardInterrupt:
            handler(signal.SIGTERM, None)  # arrives during the cleanup: let pass
    assert (term.signals, term.ignored) == (2, 1)


def test_a_signal_during_the_restore_is_counted_not_raised(signals_restored, monkeypatch):
    real = signal.signal
    before = signal.getsignal(signal.SIGTERM)
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGTERM)

        def landing(signum, new):
            monkeypatch.setattr(signal, "signal", real)
            handler(signal.SIGTERM, None)  # the signal arrives while the block restores
            return real(signum, new)

        monkeypatch.setattr(signal, "signal", landing)
    assert term.signals == 1 and signal.getsignal(signal.SIGTERM) is before


def test_a_signal_landing_below_the_hook_is_redelivered_not_raised(signals_restored):
    """Inside a function the unraisable hook calls (the previous hook here), the interrupt is
    not raised (Python would swallow it) but delivered again later."""
    sent, outcome, handler = signals_restored, [], []

    def previous_hook(report):
        try:
            handler[0](signal.SIGTERM, sys._getframe())  # two frames below the block's hook
            outcome.append("returned")
        except KeyboardInterrupt:
            outcome.append("raised inside the hook")

    sys.unraisablehook = previous_hook
    with interrupts.sigterm_as_interrupt() as term:
        handler.append(signal.getsignal(signal.SIGTERM))
        _SwallowedBy(lambda: (_ for _ in ()).throw(ValueError("unrelated")))
        _wait_for(sent)
    assert outcome == ["returned"] and sent[:1] == [signal.SIGTERM] and term.signals == 1


def test_one_redelivery_thread_at_a_time(signals_restored, monkeypatch):
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)  # nothing is sent here
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def ctrl_c():
        raise KeyboardInterrupt

    earlier = set(threading.enumerate())  # another test's sender may still sleep
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGTERM)
        _SwallowedBy(lambda: handler(signal.SIGTERM, None))  # ours, swallowed
        _SwallowedBy(ctrl_c)  # a Ctrl-C swallowed while that one is pending
        alive = [t for t in threading.enumerate() if t not in earlier
                 and t.name == "memcap-redeliver" and t.is_alive()]
    assert term.redelivered == 2 and len(alive) == 1


def test_a_redelivery_under_a_foreign_handler_is_sent_once(signals_restored):
    sent = signals_restored
    with interrupts.sigterm_as_interrupt():
        handler = signal.getsignal(signal.SIGTERM)
        swallowed = _SwallowedBy(lambda: handler(signal.SIGTERM, None))
        signal.signal(signal.SIGTERM, lambda s, f: None)  # the block's code installs its own
        del swallowed
        time.sleep(0.5)
    assert sent == [signal.SIGTERM]


def test_a_new_signal_while_another_redelivery_waits_is_counted(signals_restored,
                                                               monkeypatch):
    sent = signals_restored
    earlier = set(threading.enumerate())  # another test's sender may still sleep
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGTERM)
        _SwallowedBy(lambda: handler(signal.SIGTERM, None))  # 1st, swallowed: redelivered
        _wait_for(sent)
        with pytest.raises(KeyboardInterrupt):
            handler(signal.SIGTERM, None)  # the redelivery arrives: taken, not counted
        for thread in set(threading.enumerate()) - earlier:
            if thread.name == "memcap-redeliver":
                thread.join(5)
        monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)
        _SwallowedBy(lambda: handler(signal.SIGTERM, None))  # 2nd, swallowed: pending
        with pytest.raises(KeyboardInterrupt):
            handler(signal.SIGTERM, None)  # a 3rd, new signal before that redelivery
    assert term.signals == 3


def test_an_unrelated_swallowed_error_goes_to_the_previous_hook(signals_restored,
                                                                monkeypatch):
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)
    seen = []
    sys.unraisablehook = lambda report: seen.append(type(report.exc_value))
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGTERM)
        with pytest.raises(KeyboardInterrupt):
            handler(signal.SIGTERM, None)
        _SwallowedBy(lambda: (_ for _ in ()).throw(ValueError("unrelated")))
    assert seen == [ValueError] and term.redelivered == 0


def test_a_keyboard_interrupt_without_pythons_ctrl_c_handler_is_no_ctrl_c(signals_restored,
                                                                          monkeypatch):
    """SIGINT ignored (``cmd &`` from a script): a KeyboardInterrupt a finaliser swallows is a
    library's own; it goes to the previous hook and SIGINT stays ignored."""
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)
    seen = []
    sys.unraisablehook = lambda report: seen.append(type(report.exc_value))
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def own():
        raise KeyboardInterrupt

    with interrupts.sigterm_as_interrupt() as term:
        _SwallowedBy(own)
        inside = signal.getsignal(signal.SIGINT)
    assert seen == [KeyboardInterrupt] and term.signals == 0 and inside is signal.SIG_IGN


def test_a_swallowed_ctrl_c_is_handled_by_the_block_until_it_ends(signals_restored,
                                                                 monkeypatch):
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)
    signal.signal(signal.SIGINT, signal.default_int_handler)

    def ctrl_c():
        raise KeyboardInterrupt

    with interrupts.sigterm_as_interrupt() as term:
        _SwallowedBy(ctrl_c)
        assert signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    assert (term.signals, term.redelivered) == (1, 1)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_swallowed_sighup_is_delivered_again_as_sighup(signals_restored):
    sent = signals_restored
    with interrupts.sigterm_as_interrupt() as term:
        handler = signal.getsignal(signal.SIGHUP)
        _SwallowedBy(lambda: handler(signal.SIGHUP, None))
        _wait_for(sent)
    assert sent and set(sent) == {signal.SIGHUP} and term.signals == 1


def test_a_signal_landing_inside_the_hook_is_counted(signals_restored, monkeypatch):
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)
    handler = []
    sys.unraisablehook = lambda report: handler[0](signal.SIGTERM, sys._getframe())
    with interrupts.sigterm_as_interrupt() as term:
        handler.append(signal.getsignal(signal.SIGTERM))
        _SwallowedBy(lambda: (_ for _ in ()).throw(ValueError("unrelated")))
    assert term.signals == 1


def test_the_redelivery_backs_off(signals_restored):
    """While the redelivery is not taken (recorded only), waits double up to 1 s: a few sends
    in 0.6 s, not one a millisecond (545 without the back-off)."""
    sent = signals_restored
    with interrupts.sigterm_as_interrupt():
        handler = signal.getsignal(signal.SIGTERM)
        _SwallowedBy(lambda: handler(signal.SIGTERM, None))
        time.sleep(0.6)
    assert 3 <= len(sent) <= 12


def test_the_redelivery_waits_double_up_to_one_second(signals_restored, monkeypatch):
    """The waits between the sends of a redelivery that is never taken, read from a sleep
    that returns at once: 0.01 s doubled each time up to 1 s, never more (REDELIVERY_DELAY_S's
    "up to 1 s"; mutant: a 30 s cap)."""
    from types import SimpleNamespace

    sent, waits = signals_restored, []
    monkeypatch.setattr(interrupts, "time", SimpleNamespace(
        sleep=lambda seconds: waits.append(seconds) or time.sleep(0.001)))
    with interrupts.sigterm_as_interrupt():
        handler = signal.getsignal(signal.SIGTERM)
        _SwallowedBy(lambda: handler(signal.SIGTERM, None))
        end = time.monotonic() + 30
        while len(waits) < 12 and time.monotonic() < end:
            time.sleep(0.005)
    assert waits[:10] == pytest.approx([0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.0, 1.0, 1.0])
    assert max(waits) == 1.0 and len(sent) >= 9


def test_a_redelivery_landing_during_the_restore_is_not_counted_again(signals_restored,
                                                                      monkeypatch):
    """A swallowed interrupt's redelivery that lands while the block restores its handlers is
    the same interrupt, already counted: ``signals`` stays 1 (mutant: counted again). The
    landing is made certain by delivering it from the ``closing`` event's ``set``."""
    monkeypatch.setattr(interrupts, "REDELIVERY_DELAY_S", 100)  # nothing is sent here
    made, handler = [], []

    class Event(threading.Event):
        def __init__(self):
            super().__init__()
            made.append(self)

        def set(self):
            super().set()
            if len(made) >= 3 and self is made[2] and handler:  # `closing`: the restore
                handler[0](signal.SIGTERM, None)

    monkeypatch.setattr(interrupts.threading, "Event", Event)
    with interrupts.sigterm_as_interrupt() as term:
        handler.append(signal.getsignal(signal.SIGTERM))
        _SwallowedBy(lambda: handler[0](signal.SIGTERM, None))  # counted; redelivery pending
    assert term.signals == 1


def test_outside_the_main_thread_nothing_is_installed(signals_restored):
    """In a worker thread the block only yields (Python installs handlers in the main thread
    only; mutant: it tried, ValueError)."""
    before, errors = signal.getsignal(signal.SIGTERM), []

    def work():
        try:
            with interrupts.sigterm_as_interrupt() as term:
                assert not term.fired
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert errors == [] and signal.getsignal(signal.SIGTERM) is before


def test_a_handler_python_did_not_install_is_left_alone(signals_restored, monkeypatch):
    """``signal.getsignal`` is None for a handler installed outside Python: the block neither
    replaces it nor fails putting it back (mutant: installed, then TypeError on the way out)."""
    real = signal.getsignal
    monkeypatch.setattr(signal, "getsignal",
                        lambda s: None if s == signal.SIGTERM else real(s))
    with interrupts.sigterm_as_interrupt():
        installed = real(signal.SIGTERM)
    assert getattr(installed, "__name__", "") != "interrupt"


def test_a_hook_installed_inside_the_block_is_kept(signals_restored):
    """The block puts its unraisable hook's predecessor back only if the hook is still its own:
    one that code in the block installed stays (mutant: replaced)."""
    def mine(report):
        pass

    with interrupts.sigterm_as_interrupt():
        sys.unraisablehook = mine
    assert sys.unraisablehook is mine


# ------------------------------------------------------------------------------- terminal
@pytest.fixture
def drawn(monkeypatch):
    """rich draws (a terminal as far as the progress bar is concerned)."""
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")


@pytest.mark.parametrize("stream", ["none", "closed"])
def test_no_stderr_or_a_closed_one_is_no_terminal(monkeypatch, stream):
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    closed = io.StringIO()
    closed.close()
    monkeypatch.setattr(sys, "stderr", None if stream == "none" else closed)
    assert stderr_is_terminal() is False


def test_a_counting_bar_shows_done_of_total_and_time_and_leaves_nothing(drawn):
    kinds = [type(c) for c in progress_bar(counts=True).columns]
    assert MofNCompleteColumn in kinds and TimeElapsedColumn in kinds
    assert MofNCompleteColumn not in [type(c) for c in progress_bar().columns]
    assert progress_bar().live.transient is True


def test_print_table_restores_the_consoles_width():
    table = Table("M", "lookup neurons", "depth3 neurons")
    table.add_row("12", "2049", "129")
    console = Console(file=io.StringIO(), width=18)
    print_table(table, console)
    assert console.width == 18


def _drawn(parts, width: int) -> str:
    out = io.StringIO()
    for part in parts:
        Console(file=out, width=width, color_system=None).print(part)
    return out.getvalue()


def test_fitted_columns_keep_max_width_but_never_cut_a_word():
    table = Table("k", "text")
    table.columns[1].max_width = 10
    table.add_row("1", "aaaa bbbb cccc dddd")
    assert fit_columns(table, Console(width=200))[0].columns[1].width <= 10
    table = Table("k", "n")
    table.columns[1].max_width = 3
    table.add_row("1", "12345")
    assert "12345" in _drawn(fit_columns(table, Console(width=100)), 100)


def test_a_table_without_its_edge_pays_for_no_border():
    table = Table("a", "b", show_edge=False)
    table.add_row("1111", "2222")
    parts = fit_columns(table, Console(width=14))
    assert parts is not None and len(parts) == 1


def test_columns_are_narrowed_only_by_the_excess():
    table = Table("aaaa bbbb", "cccc dddd")
    table.add_row("1", "2")
    parts = fit_columns(table, Console(width=2 * 9 + 7 - 1))  # one column short
    assert sorted(col.width for col in parts[0].columns) == [8, 9]


def test_key_columns_line_up_across_the_parts():
    table = Table("kkkk kkkk kkkk kkkk", "aaaa aaaa aaaa aaaa aaaa aaaa", "x")
    table.add_row("k", "1", "2")
    split = 0
    for width in range(14, 60):
        parts = fit_columns(table, Console(width=width))
        if parts and len(parts) > 1:
            split += 1
            assert len({p.columns[0].width for p in parts}) == 1, width
    assert split
    wide = Table("kkkk kkkk kkkk kkkk", "aaaa aaaa aaaa aaaa aaaa aaaa", "x", expand=True)
    wide.add_row("k", "1", "2")
    parts = fit_columns(wide, Console(width=18, file=io.StringIO(), color_system=None))
    assert parts and len(parts) == 2
    ends = []
    for part in parts:
        body = [ln for ln in _drawn([part], 18).splitlines() if ln.startswith("│")][0]
        ends.append(body.index("│", 1))
    assert ends[0] == ends[1]
