"""Hostile files handed to memcap (deeply nested, binary, a folder) are bad input: one line, exit
2, never a RecursionError or UnicodeDecodeError reported as a bug."""

import contextlib
import os
import threading

import pytest
from memcap_cli import memcap_main


@pytest.fixture
def files(tmp_path):
    deep_json = tmp_path / "deep.json"
    deep_json.write_text("[" * 100_000 + "]" * 100_000)
    deep_toml = tmp_path / "deep.toml"
    deep_toml.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n")
    binary = tmp_path / "binary.bin"
    binary.write_bytes(os.urandom(64) + b"\xff\xfe")
    return {"deep_json": deep_json, "deep_toml": deep_toml, "binary": binary, "folder": tmp_path}


@pytest.mark.parametrize("argv, kind, words", [
    (["verify", "{}", "--table", "0110"], "deep_json", "nested too deeply"),
    (["verify", "{}", "--table", "0110"], "binary", "not UTF-8 text"),
    (["train", "--config", "{}"], "deep_toml", "nested too deeply"),
    (["train", "--config", "{}"], "binary", "not UTF-8 text"),
    (["train", "--config", "{}"], "folder", "is a folder"),
    (["sweep", "{}", "--dry-run"], "deep_toml", "nested too deeply"),
    (["sweep", "{}", "--dry-run"], "binary", "not UTF-8 text"),
    (["construct", "--table-file", "{}"], "binary", "not UTF-8 text"),
])
def test_hostile_files_are_one_line_exit_2(capsys, files, argv, kind, words):
    args = [a.replace("{}", str(files[kind])) for a in argv]
    code, _, err = memcap_main(capsys, *args)
    assert code == 2, err
    assert words in err and len(err.strip().splitlines()) == 1 and "internal error" not in err


@pytest.mark.parametrize("argv", [
    ["bounds", "--answer", "--max-inputs", "3", "--plot", "{}"],  # no suffix: allowed there
    ["minimal", "--inputs", "2", "--plot", "{}.png"],
    ["construct", "--table", "0110", "--save", "{}.json"],
    ["construct", "--table", "0110", "--draw", "{}.svg"],
])
@pytest.mark.parametrize("kind", ["fifo", "link"])
def test_an_output_file_that_is_a_device_pipe_or_link_is_left_alone(capsys, tmp_path, argv,
                                                                      kind):
    """The atomic write renames a new file over the path: `bounds --plot /dev/null` replaced
    /dev/null with a PNG (2026-12-01 fuzzing). A path that exists must be a plain file."""
    base = tmp_path / "out"
    name = argv[-1].replace("{}", str(base))
    target = tmp_path / "target.txt"
    target.write_text("mine")
    if kind == "fifo":
        os.mkfifo(name)
    else:
        os.symlink(target, name)
    code, _, err = memcap_main(capsys, *argv[:-1], name)
    assert code == 2 and "exists and is not a plain file" in err
    assert (os.path.islink(name) if kind == "link" else not os.path.isfile(name))
    assert target.read_text() == "mine"


def test_a_pipe_given_as_an_input_file_is_refused_not_read_for_ever(capsys, tmp_path):
    """Reading a FIFO blocks until a writer comes: a config, spec or network that is one hung
    (2026-12-01 fuzzing)."""
    fifo = tmp_path / "in.toml"
    os.mkfifo(fifo)
    done = threading.Event()

    def unblock() -> None:  # a read that hangs fails the test instead of hanging the suite:
        while not done.wait(10):  # after 10 s, a writer comes and goes (the reader sees EOF)
            with contextlib.suppress(OSError):  # ENXIO: nobody is reading
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=unblock, daemon=True)
    watchdog.start()
    try:
        for argv in (["train", "--config", fifo], ["sweep", fifo, "--dry-run"],
                     ["verify", fifo]):
            code, _, err = memcap_main(capsys, *argv)
            assert code == 2 and "is not a plain file (a device, pipe or socket)" in err
    finally:
        done.set()
        watchdog.join()


def test_a_file_too_large_to_read_or_a_link_loop_is_bad_input(capsys, tmp_path, monkeypatch):
    """A 2 GB file given as a config, spec, network or table ended in MemoryError under a
    memory limit (status 70, "a bug in memcap"), and without one a larger file would meet the
    out-of-memory killer; a symbolic-link loop was an "I/O error", status 74 (2026-12-06
    hostile-input review). Both are one line, status 2, read from the size alone."""
    import capacity.user_files as user_files

    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 5000 + "\n")
    monkeypatch.setattr(user_files, "memory_limit_bytes", lambda: 4 * 4096)  # 4 KiB readable
    for argv in (["train", "--config", big], ["sweep", big, "--dry-run"],
                 ["construct", "--table-file", big]):
        code, _, err = memcap_main(capsys, *argv)
        assert code == 2 and "more than this machine can read and parse" in err, (argv, err)
        assert len(err.strip().splitlines()) == 1
    # under the reading cap (a quarter of the limit) but past the parsing one (a fifth): dense
    # numbers in JSON parse to ≈ 8× their text, so a file that read fine could still meet
    # MemoryError (status 70, diff review); a comma in the path is kept as written
    net = tmp_path / "a,b.json"
    net.write_text('{"format": "memcap.sign-network/1", "layers": [' + "1, " * 600 + "1]}")
    size = net.stat().st_size
    monkeypatch.setattr(user_files, "memory_limit_bytes", lambda: 4 * size)  # reads, no parse
    code, _, err = memcap_main(capsys, "verify", net)
    assert code == 2 and "more than this machine can parse" in err, err
    assert "a,b.json" in err and "of JSON, more than" in err
    monkeypatch.setattr(user_files, "memory_limit_bytes", lambda: 2**40)

    def no_memory(text):
        raise MemoryError

    with pytest.raises(user_files.UsageError, match="too large to parse in this process"):
        user_files._parse(no_memory, ValueError, "JSON", "[1]", "network file 'x'", 10)
    monkeypatch.undo()
    loop = tmp_path / "loop1"
    loop.symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(loop)
    for argv in (["train", "--config", loop], ["sweep", loop, "--dry-run"]):
        code, _, err = memcap_main(capsys, *argv)
        assert code == 2 and "is a loop of symbolic links" in err, (argv, err)


XOR = {"format": "memcap.sign-network/1", "inputs": 2, "outputs": 1, "method": "lookup",
       "layers": [{"weights": [[1, -1], [-1, 1]], "biases": [-1, -1], "sources": [0, 1]},
                  {"weights": [[1, 1]], "biases": [1], "sources": [2, 3]}]}


@pytest.mark.parametrize("edit, words", [
    # an integer of 5 000 digits broke the error message itself (status 70, 2026-12-01 fuzzing)
    (lambda d: d.update(inputs=10**5000), "'inputs' is an integer of 16610 bits, above"),
    (lambda d: d.update(outputs=10**5000), "'outputs' is an integer of 16610 bits, above"),
    (lambda d: d["layers"][0].update(sources=[0, 10**5000]), "sources must be indices"),
    # a lone surrogate could not be printed (status 70); escape codes reached the terminal
    (lambda d: d.update(method="\ud800"), "'method' must be printable text"),
    (lambda d: d.update(method="a\x1b[31mred"), "'method' must be printable text"),
    (lambda d: d.update(method="m" * 1001), "at most 1000 characters"),
    # {} or "" stood for an empty list: a unit reading nothing verified (2026-12-05 review)
    (lambda d: d["layers"][1].update(weights=[{}], sources={}),
     "layer 1's weights must be a list of lists, got [{}]"),
    (lambda d: d["layers"][1].update(weights=[""], sources=""),
     "layer 1's weights must be a list of lists"),
    (lambda d: d["layers"][1].update(weights=[[]], sources={}),
     "layer 1's sources must be a list, got {}"),
    (lambda d: d["layers"][1].update(biases={}), "layer 1's biases must be a list"),
])
def test_hostile_network_fields_are_one_line_exit_2(capsys, tmp_path, edit, words):
    import json
    import sys

    data = json.loads(json.dumps(XOR))
    edit(data)
    path = tmp_path / "net.json"
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        path.write_text(json.dumps(data))
    finally:
        sys.set_int_max_str_digits(old)
    code, _, err = memcap_main(capsys, "verify", str(path), "--table", "0110")
    assert code == 2 and words in err, err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err


def test_a_network_file_integer_beyond_the_digit_cap_is_refused_and_the_cap_reads(capsys,
                                                                                 tmp_path):
    """CPython 3.11 reads decimal text in quadratic time, and the network reader lifted its
    4 300-digit guard entirely: one weight of 2 million digits kept memcap verify busy for 43 s
    (2026-12-05 review). Integers of up to MAX_JSON_INT_DIGITS digits read (and round-trip);
    a longer one is one line, exit 2, and a SignNetwork refuses one, so what is written reads
    back."""
    import json

    from capacity.errors import UsageError
    from capacity.user_files import MAX_JSON_INT_DIGITS
    from constructions.network import Layer, SignNetwork

    text = json.dumps(XOR)
    path = tmp_path / "net.json"
    path.write_text(text.replace('"biases": [1]', '"biases": [' + "9" * 200_000 + "]"))
    code, out, err = memcap_main(capsys, "verify", path, "--table", "0110")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert f"holds an integer of more than {MAX_JSON_INT_DIGITS} digits" in err
    top = 10**MAX_JSON_INT_DIGITS - 1  # exactly MAX_JSON_INT_DIGITS digits
    net = SignNetwork(2, (Layer.from_lists([[top, 1]], [top], [0, 1]),))
    assert SignNetwork.from_json(net.to_json()) == net
    with pytest.raises(UsageError, match=f"at most {MAX_JSON_INT_DIGITS} decimal digits"):
        SignNetwork(2, (Layer.from_lists([[top + 1, 1]], [1], [0, 1]),))
    with pytest.raises(UsageError, match=f"at most {MAX_JSON_INT_DIGITS} decimal digits"):
        SignNetwork(2, (Layer.from_lists([[1, 1]], [-top - 1], [0, 1]),))


def test_a_key_twice_in_a_network_file_is_refused(capsys, tmp_path):
    """Python's json keeps the last of two equal keys, so a hand-edited file with two "biases"
    (or two "truth_table"s) verified as the network the last one describes, where another
    reader may take the first (2026-12-04 review)."""
    import json

    text = json.dumps(XOR).replace('"biases": [1]', '"biases": [-5], "biases": [1]')
    path = tmp_path / "net.json"
    path.write_text(text)
    code, out, err = memcap_main(capsys, "verify", path, "--function", "parity")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "the key 'biases' appears twice in one object" in err


def test_a_source_index_of_exactly_2_to_the_24_is_accepted_as_documented():
    """docs: 'inputs, outputs and every source index are at most 2^24'; the check refused 2^24
    itself, with a message saying 'up to 16777216' (2026-12-04 review)."""
    import json

    from capacity.errors import UsageError
    from constructions.network import SignNetwork

    top = 1 << 24
    data = {"format": "memcap.sign-network/1", "inputs": top, "outputs": 1, "method": "",
            "layers": [{"weights": [[1]], "biases": [0], "sources": [0]},
                       {"weights": [[1]], "biases": [1], "sources": [top]}]}
    assert SignNetwork.from_json(json.dumps(data)).layers[1].sources == (top,)
    data["layers"][1]["sources"] = [top + 1]
    with pytest.raises(UsageError, match="from 0 up to 16777216"):
        SignNetwork.from_json(json.dumps(data))


def test_a_table_file_and_a_config_file_may_begin_with_a_byte_order_mark(capsys, tmp_path):
    """Windows editors begin UTF-8 files with a byte-order mark: a table file was refused as
    "found '\\ufeff'" and a config file as invalid TOML (CLI review, 2026-12-05)."""
    import codecs
    import json

    table = tmp_path / "t.txt"
    table.write_bytes(codecs.BOM_UTF8 + b"0110\n")
    code, out, err = memcap_main(capsys, "construct", "--table", table, "--print-json")
    assert code == 0 and json.loads(out)["verification"]["ok"] is True
    assert json.loads(out)["method"] == "auto:parity"  # 0110 read as XOR, the mark dropped
    config = tmp_path / "c.toml"
    config.write_bytes(codecs.BOM_UTF8 + b"[train]\nsteps = 2\nlog_every = 2\n")
    code, out, err = memcap_main(capsys, "train", "--config", config, "--json")
    assert code == 0, err
