"""Safety polarity: negation, contrast, slang, and no polarity when safety is not discussed."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("i feel safe most of the time tbh", "safe"),
    ("YP said they don't feel safe walking home after dark", "unsafe"),
    ("i never feel safe on the bus at night", "unsafe"),
    ("nobody's ever threatened me or anything", "safe"),
    ("im not scared of anything round here, its calm", "safe"),
    ("its not like its dangerous or anything i just get bored", "safe"),
    ("No safety concerns raised today; YP feels OK", "safe"),
    ("i don't feel unsafe at school but Kirkdale station is scary", "mixed"),
    ("safe at school but not at the station", "mixed"),
    ("YP says the estate is fine in the day but not at night", "mixed"),
    ("he's safe, he always buys us food", None),
    ("my mate <PERSON> is safe we go way back", None),
    ("<PERSON> from the club is safe, she always helps", None),
    ("YP said \"I feel safe here\".", "safe"),
    ("Reported being followed on the way home.", "unsafe"),
    ("Talked about football and Christmas plans.", None),
])
def test_polarity_table(polarity, text, expected):
    assert polarity.predict([text]) == [expected]
