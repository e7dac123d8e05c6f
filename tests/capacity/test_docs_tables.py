"""The tables in docs/capacity.md are what the commands print today (no hand-edited numbers)."""

from pathlib import Path

from capacity.answer import ANSWER_COLUMNS, answer_rows

DOC = (Path(__file__).resolve().parents[2] / "docs" / "capacity.md").read_text()


def _cell(v) -> str:
    return "—" if v is None else str(v)


def test_seed_question_table_matches_answer_rows():
    rows = answer_rows(20)
    header = "| M | N | " + " | ".join(ANSWER_COLUMNS) + " |"
    assert header in DOC
    for r in rows:
        assert "| " + " | ".join(_cell(r[c]) for c in r) + " |" in DOC, r["M"]


def test_many_outputs_table_matches_answer_rows():
    for n in (1, 2, 4, 8, 16, 64, 256, 1024, 4096):
        r = answer_rows(10, outputs=n)[-1]
        cells = (n, r["neurons, any depth (lower, counting)"],
                 r["neurons (lower, distinct outputs)"],
                 r["neurons, 1 hidden layer (lower, counting)"], r["depth-3 neurons (upper)"],
                 r["complement neurons (upper)"])
        assert "| " + " | ".join(map(str, cells)) + " |" in DOC, n
