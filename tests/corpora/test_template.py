"""Template rendering keeps exact offsets and labels follow from parts."""
from __future__ import annotations

import random

from corpora_synthetic.template import P, join, keyed, render


def test_render_and_join_give_exact_offsets():
    for seed in range(50):
        segs = render("[Met|Saw] {person} at {park}, mum on {phone} [today|]", random.Random(seed))
        text, pii, keep = join(segs)
        assert [s["type"] for s in pii] == ["PERSON", "PHONE_NUMBER"]
        assert [s["type"] for s in keep] == ["PUBLIC_PLACE"]
        for s in pii + keep:
            assert text[s["start"]:s["end"]] == s["text"]
        assert text.startswith(("Met ", "Saw "))


def test_alternatives_are_all_reachable():
    outs = {join(render("[a|b|c]", random.Random(s)))[0] for s in range(60)}
    assert outs == {"a", "b", "c"}


def test_part_themes_include_implied_safety_and_places():
    assert P("scared at {station}", "peers", "unsafe").all_themes == {"peers", "safety", "places"}
    assert P("he's safe, my mate", "peers").all_themes == {"peers"}


def test_keyed_adds_pool_theme():
    table = keyed({"online": [P("on {app}", "peers")]})
    assert table["online"][0].themes == {"online", "peers"}
