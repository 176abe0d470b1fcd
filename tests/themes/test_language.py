"""Language check: victim-blaming phrases flagged with suggestion and source; quotes skipped."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, flagged", [
    ("YP is putting herself at risk with contact with older males.", ["putting herself at risk"]),
    ("YP continues to make risky choices around peers.", ["risky choices"]),
    ("YP keeps going missing and is refusing to engage.", ["keeps going missing", "refusing to engage"]),
    ("She has an older boyfriend who picks her up from school.", ["older boyfriend"]),
    ("YP gets vapes in return for holding items.", ["in return for"]),
    ("Staying out appears to be a lifestyle choice.", ["lifestyle choice"]),
    ("YP was recruited by older males.", ["recruited"]),
    ("Family described as hard to reach.", ["hard to reach"]),
])
def test_phrases_are_flagged_at_their_offsets(language, text, flagged):
    flags = language.predict([text])[0]
    assert [text[f.start:f.end].lower() for f in flags] == flagged
    assert [f.phrase for f in flags] == flagged
    assert all(f.suggestion and f.source for f in flags)


@pytest.mark.parametrize("text", [
    'YP said "everyone thinks I\'m a troublemaker".',
    "YP: “i keep going missing cos home is too much”",
    "In YP's words: 'it was my lifestyle choice'.",
])
def test_quoted_speech_of_the_young_person_is_skipped(language, text):
    assert language.predict([text]) == [()]


@pytest.mark.parametrize("text, flagged", [
    ("School referral describes her as 'promiscuous'.", ["promiscuous"]),
    ('The referral calls him a "gang member" and says he "must have known".', ["gang member", "must have known"]),
])
def test_quoted_professional_labels_are_still_flagged(language, text, flagged):
    assert [f.phrase for f in language.predict([text])[0]] == flagged


@pytest.mark.parametrize("text", [
    "YP is being exploited by older males who give her cash; referral made to MASH.",
    "Worker supported YP to attend college. YP's mum said the house is calmer.",
    "YP was groomed online by an adult; police informed and images reported.",
    "YP went missing overnight; return home interview completed.",
])
def test_clean_practitioner_text_is_not_flagged(language, text):
    assert language.predict([text]) == [()]
