"""Gamer tags and usernames in moderation logs: a Discord tag, a cue word, a digit for a letter, a word run into digits."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

HANDLES = [
    ("Muted kaiden#4471 x2 for mic spam", "kaiden#4471"),
    ("Account 'TrueGamerDad77' messaged her", "TrueGamerDad77"),
    ("Ban note: user 'v-buck_giveaway_2023' joined", "v-buck_giveaway_2023"),
    ("towards Tariq (in-game name T4R1Q) and laughed", "T4R1Q"),
    ("Ban appeal reviewed: blaze.exe (banned 06/23)", "blaze.exe"),
    ("Member (tag: b0nesaw, real name slipped in VC)", "b0nesaw"),
    ("User hollowfang (16, male) messaged the mod inbox", "hollowfang"),
    ("During Minecraft, ninjafox22 kept going on", "ninjafox22"),
    ("then Sh4dow and sk1nz4free started", "Sh4dow"),
    ("Quiet lad, in-game 'moss', started talking", "moss"),
    ("shes on insta as _kaylz.x she'll tell u", "_kaylz.x"),
    ("amber.b.boxes isnt me anymore", "amber.b.boxes"),
    ("filmed it and posted on tillerboyz_ last night", "tillerboyz_"),
    ("Another one tonight: 'sk1nz4free' and then", "sk1nz4free"),
]
NOT_HANDLES = [
    ("the user reported it", "reported"),
    ("she wanted to tag along", "along"),
    ("account balance is low", "balance"),
    ("had covid19 last year", "covid19"),
    ("HbA1c was 48 at clinic", "HbA1c"),
    ("in year2024 at room12", "room12"),
    ("it was _very_ important", "very"),
    ("see report.final.docx for it", "report.final.docx"),
]


@pytest.mark.parametrize(("text", "needle"), HANDLES)
def test_gamer_tags_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "SOCIAL_HANDLE"


@pytest.mark.parametrize(("text", "needle"), NOT_HANDLES)
def test_words_after_user_or_tag_and_codes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None
