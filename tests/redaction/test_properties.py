"""Hypothesis properties over generated notes with planted identifiers."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FILLER = st.sampled_from(
    [
        "we talked about school", "she was upset", "at Roundhay Park", "on Monday", "in Year 9",
        "referred to CAMHS", "he uses Snapchat a lot", "aged 14", "near the bus station", "lol",
        "it went ok", "!!", "the lads were there", "after youth club",
    ]
)
PHONES = st.builds(
    lambda a, b, style: style.format(a=a, b=b),
    st.integers(100, 999),
    st.integers(100, 999),
    st.sampled_from(["07700 900{a}", "07700900{a}", "+44 7700 900{a}", "07700 900 {a}", "0113 496 0{a}"]),
)
POSTCODES = st.builds(
    lambda area, d, n, tail: f"{area}{d} {n}{tail}",
    st.sampled_from(["LS", "BD", "M", "WF", "HX", "S", "SW", "NE"]),
    st.integers(1, 19),
    st.integers(0, 9),
    st.sampled_from(["AB", "DQ", "RT", "XY", "NP", "HU"]),
)
EMAILS = st.builds(lambda u, d: f"{u}@{d}.co.uk", st.from_regex(r"[a-z]{3,8}[0-9]{0,2}", fullmatch=True), st.sampled_from(["mail", "example", "web"]))
HANDLES = st.builds(lambda h: f"@{h}", st.from_regex(r"[a-z]{3,8}_[0-9]{2}", fullmatch=True))
PLANTED = st.one_of(PHONES, POSTCODES, EMAILS, HANDLES)

PLANTED_NOTES = st.builds(
    lambda parts, ident, where: (" ".join(parts[:where] + [f"contact {ident} now"] + parts[where:]) + ".", ident),
    st.lists(FILLER, min_size=1, max_size=5),
    PLANTED,
    st.integers(0, 5),
)
NOTES = PLANTED_NOTES.map(lambda pair: pair[0])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(pair=PLANTED_NOTES)
def test_planted_identifiers_never_survive(redactor, pair):
    text, ident = pair
    result = redactor.redact(text)
    assert result.error is None
    assert ident not in result.redacted_text
    start = text.index(ident)
    assert any(e.start <= start and start + len(ident) <= e.end for e in result.entities)


@SETTINGS
@given(text=NOTES)
def test_redacting_redacted_text_changes_nothing(redactor, text):
    once = redactor.redact(text)
    twice = redactor.redact(once.redacted_text)
    assert twice.error is None
    assert twice.redacted_text == once.redacted_text
    assert twice.entities == ()


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text_spans_within_bounds_and_splice_exact(redactor, text):
    result = redactor.redact(text)
    if result.error is not None:
        assert result.redacted_text is None
        return
    cursor, rebuilt = 0, []
    for ent in result.entities:
        assert cursor <= ent.start < ent.end <= len(text)
        rebuilt += [text[cursor:ent.start], ent.placeholder]
        cursor = ent.end
    assert result.redacted_text == "".join(rebuilt) + text[cursor:]
