"""The seed question's answer table (capacity/answer.py): columns checked against hand counts
(a mutation audit found the dense parameter column computed with N = 1 unseen, 2026-12-07)."""
import pytest

from capacity.answer import answer_rows


@pytest.mark.parametrize("outputs", [1, 3, 8])
def test_the_lookup_networks_dense_parameters_count_every_output(outputs):
    """UML Claim 20.1's network: 2^M hidden units reading M inputs and a bias, N outputs reading
    the 2^M units and a bias."""
    for row in answer_rows(4, outputs=outputs):
        hidden = 2 ** row["M"]
        assert row["claim20_1 parameters (upper, dense)"] == (
            hidden * (row["M"] + 1) + outputs * (hidden + 1))
