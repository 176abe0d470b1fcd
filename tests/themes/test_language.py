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


@pytest.mark.parametrize("family, text, flagged", [
    # risk framed as something the child does to themselves: tense, pronoun, reflexive, intensifier
    ("self_risk", "He has put himself at considerable risk again.", "put himself at considerable risk"),
    ("self_risk", "They keep placing themselves in danger.", "placing themselves in danger"),
    ("self_risk", "She got herself into a lot of debt.", "got herself into a lot of debt"),
    ("self_risk", "He brought most of it on himself.", "brought most of it on himself"),
    ("self_risk", "Concerned about the risks she takes at weekends.", "risks she takes"),
    # the child framed as choosing or consenting
    ("choice", "Chose to stay out with the older lads.", "chose to stay out"),
    ("choice", "She is making the choice to be with him.", "making the choice to be with him"),
    ("choice", "He went along willingly and was not forced.", "went along willingly"),
    ("choice", "She left the unit of her own free will.", "of her own free will"),
    ("choice", "He knows full well what they want from him.", "knows full well"),
    ("choice", "He continues to associate with the Hillside boys.", "continues to associate"),
    # labels that criminalise or sexualise a child
    ("label", "Described in the minutes as a persistent offender.", "persistent offender"),
    ("label", "He is a member of the Northside gang, per intel.", "member of the northside gang"),
    ("label", "Police describe him as a drugs runner.", "drugs runner"),
    ("label", "He showed no remorse in interview.", "showed no remorse"),
    # abuse framed as a relationship or an exchange
    ("exchange", "She has a 27-year-old boyfriend who drives her about.", "27-year-old boyfriend"),
    ("exchange", "She was given a phone in exchange for favours.", "in exchange for"),
    ("exchange", "Believed to be trading sex for somewhere to stay.", "trading sex"),
    # disengagement framed as the child's fault
    ("disengagement", "He was reluctant to engage with the worker.", "reluctant to engage"),
    ("disengagement", "Mum says he is beyond parental control.", "beyond parental control"),
    ("disengagement", "She refused all support from the team.", "refused all support"),
    ("disengagement", "Has no intention of going back to school.", "no intention of"),
])
def test_each_family_generalises(language, family, text, flagged):
    flags = language.predict([text])[0]
    assert [f.phrase for f in flags] == [flagged]
    entry = next(e for e in language.lexicon_ if e.suggestion == flags[0].suggestion)
    assert entry.family == family
    assert entry.guidance_row in flags[0].source


@pytest.mark.parametrize("text", [
    "I chose to refer her to the sexual health nurse.",  # the worker's own choice
    "We decided to stay at the centre because of the rain.",
    "Some staff don't listen to what patients need.",  # a service, not a child
    "She is being exploited by adults who gave her a phone.",  # good-practice wording
    "He ran for the bus and made it to college on time.",
    "The youth group met at the library to plan the trip.",
    "She went back to the shop to return the jacket.",
    'YP said "I chose to go, nobody made me".',  # the young person's own words
])
def test_clean_and_exempt_text_is_not_flagged(language, text):
    assert language.predict([text]) == [()]


def test_every_entry_names_its_family_row_source_and_rewording(language):
    from voice.themes.language import FAMILIES

    assert {e.family for e in language.lexicon_} == set(FAMILIES)
    assert all(e.guidance_row and e.source and e.suggestion and e.patterns for e in language.lexicon_)


def test_a_lexicon_entry_without_a_family_is_refused(tmp_path):
    from voice.errors import ConfigError
    from voice.themes.language import load_lexicon

    bad = tmp_path / "lexicon.yaml"
    bad.write_text("entries:\n  - {phrase: x, family: blame, guidance_row: r, patterns: [x], suggestion: s, source: s}\n")
    with pytest.raises(ConfigError, match="family"):
        load_lexicon(bad)


@pytest.mark.parametrize("family, text, flagged", [
    # dependency rules: the clause's shape, whatever words sit between (made-up sentences)
    ("self_risk", "She keeps leaving herself wide open to exploitation.", "leaving herself wide open to exploitation"),
    ("self_risk", "He does not keep himself safe at night.", "not keep himself safe"),
    ("self_risk", "He is making himself an easy target by hanging round the bus station late.", "himself an easy target"),
    ("choice", "She opted to stay at the address with the males.", "opted to stay at the address"),
    ("choice", "He is seeking out adult males on apps.", "seeking out adult males"),
    ("label", "She is manipulative with the night staff.", "is manipulative"),
    ("exchange", "Her boyfriend, who is 26, collects her.", "her boyfriend, who is 26"),
    ("disengagement", "He is avoiding professionals.", "avoiding professionals"),
    ("choice", "She agreed to meet him at the station.", "agreed to meet him"),
    ("exchange", "She has been sending pics to an older male.", "sending pics to"),
])
def test_rules_catch_the_family_beyond_word_sequences(language, family, text, flagged):
    flags = language.predict([text])[0]
    assert [f.phrase for f in flags] == [flagged]
    entry = next(e for e in language.lexicon_ if e.suggestion == flags[0].suggestion)
    assert entry.family == family


@pytest.mark.parametrize("text", [
    "She said she felt she'd put herself at risk; worker explained the adults are responsible.",  # the child's view
    "YP thinks he made himself an easy target.",
    "He is being made to pay off a debt the group created.",  # coercion, not choice
    "The man sent her indecent images.",  # an adult's act
    "She decided to go to college in September.",  # a choice with no exploiter in it
    "She put herself forward for the school council.",  # a reflexive with no harm
    "He's not a dealer, he was holding it for someone.",  # a denied label
    "Agreed to meet again next week to review the plan.",  # a worker's plan, not a child's consent
    "someone shared pics of my friend on snapchat",  # what was done to a child
])
def test_near_misses_are_not_flagged(language, text):
    assert language.predict([text]) == [()]


def test_reported_words_about_someone_else_are_still_flagged(language):
    text = "YP believes her younger brother has been recruited by lads from the estate."
    assert [f.phrase for f in language.predict([text])[0]] == ["recruited"]


def test_a_dependency_rule_compiles_to_a_head_with_its_children():
    from voice.themes.language_deps import compile_dep_rule

    pattern = compile_dep_rule("keep >dobj:SELF >neg >>safe <xcomp:fail")
    assert pattern[0] == {"RIGHT_ID": "h", "RIGHT_ATTRS": {"_": {"vb_form": {"IN": ["keep"]}}, "DEP": {"IN": ["xcomp"]}}}
    assert [p["REL_OP"] for p in pattern[1:]] == [">", ">", ">>", "<"]
    assert pattern[1]["RIGHT_ATTRS"]["DEP"] == {"IN": ["dobj"]} and "herself" in pattern[1]["RIGHT_ATTRS"]["_"]["vb_form"]["IN"]
    with pytest.raises(ValueError):
        compile_dep_rule("keep dobj:SELF")


def test_challenge_set_halves_are_fixed_by_hash_and_phrases_are_in_their_text():
    from corpora_synthetic import language_challenge as lc

    records = lc.load()
    assert records == lc.parse_source()  # the JSONL is built from the committed source
    assert {r["half"] for r in records} == {"choose", "report"}
    assert all(r["half"] == lc.half(r["text"]) for r in records)
    assert all(p.lower() in r["text"].lower() for r in records for p in r["victim_blaming"])
    assert sum(r["writer_label"] == "blaming" for r in records) >= 150
    assert sum(r["writer_label"] == "clean" for r in records) >= 150


def test_challenge_set_is_scored_against_a_second_labellers_labels():
    from corpora_synthetic import language_challenge as lc

    records = lc.load()
    labels = lc.independent_labels()
    assert set(labels) == {r["id"] for r in records}
    scored = lc.gold(records)
    for r in scored:
        assert r["label"] in ("blaming", "clean")
        assert (r["label"] == "blaming") == bool(r["victim_blaming"])
        assert all(p in r["text"] for p in r["victim_blaming"])


@pytest.mark.parametrize("text, flagged", [
    # a word class among alternatives ("SELF|safety|life") and irregular verb forms ("caught" -> catch)
    ("They have been endangering themselves by travelling to Leeds.", "endangering themselves"),
    ("She got herself caught up with the older lads.", "herself caught"),
    # comparatives and superlatives keep their own form: "worst" is not "bad", "older" is not "old"
    ("He's his own worst enemy.", "his own worst enemy"),
    ("She spends most nights with her older man.", "her older man"),
    # consent and choice, any pronoun and tense
    ("He seemed willing to play along with it.", "willing to play along"),
    ("They kept seeing him after school.", "seeing him"),
    ("He decided to sell with them over the summer.", "decided to sell with them"),
    ("She likes the attention the men give her.", "likes the attention"),
    ("She had a fling with a 24-year-old.", "had a fling with"),
    ("He was a runner in his own right by then.", "runner in his own right"),
    ("He DNA'd twice last month.", "dna'd"),
])
def test_lemma_and_dependency_variants_are_flagged(language, text, flagged):
    phrases = [f.phrase for f in language.predict([text])[0]]
    assert any(flagged in p for p in phrases), phrases


@pytest.mark.parametrize("text", [
    "He is 14 years old and chose the history project for the display.",  # "old" is not "older"
    "He wants stuff like trainers and money for the bus.",  # "like" is not a verb here
    "Mum would like the money back for the trip.",  # an adult's wish
    'YP said "I keep doing it anyway, it\'s my choice".',  # the young person's own words
    "She was recruited onto the youth panel last term.",  # an entry's `unless` rule: not into crime
])
def test_variant_near_misses_are_not_flagged(language, text):
    assert language.predict([text]) == [()]


def test_an_unless_rule_leaves_the_entry_flagging_elsewhere(language):
    assert [f.phrase for f in language.predict(["He has been recruited by the older lads."])[0]] == ["recruited"]
