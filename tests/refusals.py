"""One helper the edge tests share: the one-line refusal a call makes."""

import pytest

from capacity.errors import UsageError


def refusal(call) -> str:
    """The message of the UsageError ``call()`` raises (the test fails if it raises none)."""
    with pytest.raises(UsageError) as info:
        call()
    return str(info.value)
