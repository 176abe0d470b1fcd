"""Safety polarity: negation, contrast, slang, and no polarity when safety is not discussed."""
from __future__ import annotations

import json

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


@pytest.mark.parametrize("text, expected", [
    # conditionals and wishes: safety wished for is not safety felt now
    ("We'd feel much safer if the alley by the chippy had a light.", "unsafe"),
    ("She would be safe walking back if the buses ran past ten.", "unsafe"),
    ("YP wants to feel safe on the estate again.", "unsafe"),
    # a cue inside an if-clause is a hypothetical, not a report
    ("Gave her the number to ring if she ever feels unsafe.", None),
    # comparatives
    ("He said the rec is less safe since the fence came down.", "unsafe"),
    ("They feel safer at the library than on the green.", "mixed"),
    ("Says she feels safer than last year now the cameras are up.", "safe"),
    # negation scope from the parse
    ("The lads said the precinct isn't scary any more.", "safe"),
    ("Nobody got hurt and the group walked home together.", "safe"),
    # the worker's agenda and other senses say nothing about how safe a young person is
    ("Talked about staying safe at festivals.", None),
    ("Found safe and well by officers at the services.", None),
    ("Had an asthma attack during football, inhaler used.", None),
    ("Told him to keep his bank card somewhere safe.", None),
    # hedges that restrict a safe statement make it mixed
    ("It's safe enough in the day at least, after that I'm not sure.", "mixed"),
    ("I feel safe most places, the only place I don't like is the subway.", "mixed"),
    ("They feel safer at the youth club now than anywhere else.", "safe"),
    # fear for someone else or anger is not about the young person's safety
    ("Feels safe at home but scared for her nan who is poorly.", "safe"),
    # harm words
    ("A man grabbed her arm outside the takeaway and she was shaken.", "unsafe"),
    ("Older boys keep pushing him around at the skate park.", "unsafe"),
])
def test_clause_level_polarity(polarity, text, expected):
    assert polarity.predict([text]) == [expected]


def test_polarity_parses_only_docs_with_cues(nlp, polarity):
    with_cue, without = nlp("I never feel safe at the bus stop."), nlp("Baked flapjacks and played pool.")
    polarity.predict([with_cue, without])
    assert with_cue.has_annotation("DEP") and not without.has_annotation("DEP")


def test_saved_polarity_loads_todays_lexicon(polarity, tmp_path):
    from voice.themes.polarity import PolarityTagger

    polarity.save(tmp_path)
    old = json.loads((tmp_path / "polarity.json").read_text())
    old["cues"] = {"safe": 1}  # a model saved with an older, smaller lexicon
    (tmp_path / "polarity.json").write_text(json.dumps(old))
    assert PolarityTagger.load(tmp_path).predict(["He was threatened with a blade."]) == ["unsafe"]


@pytest.mark.parametrize("text, expected", [
    # safety as an aim, read up the complement chain: wished for, so not felt now
    ("What would make you feel safer? More lights by the shops.", "unsafe"),
    ("Lots of ideas to make the park safer, like a cafe.", "unsafe"),
    ("Making it safer: cameras and a warden.", "unsafe"),
    ("The new lights made the underpass safer.", "safe"),  # a realised cause
    # the writer's own follow-up, with its "I" left out, is not harm
    ("Chased <SCHOOL> re: the timetable.", None),
    ("Chased by email.", None),
    ("Will chase.", None),
    ("Got chased home by two lads on bikes.", "unsafe"),
    ("Chased down the alley by some older boys.", "unsafe"),
    # a negation belongs to its own clause
    ("Safe in the park, not safe by the shops.", "mixed"),
    # good at some times only: safe then, so not always
    ("Loads of people fighting by the bars. Alright in the afternoon though.", "mixed"),
    ("It's fine when the youth workers are about but after that there's fights.", "mixed"),
])
def test_wished_safety_writer_actions_clause_negation_and_time_limits(polarity, text, expected):
    assert polarity.predict([text]) == [expected]
