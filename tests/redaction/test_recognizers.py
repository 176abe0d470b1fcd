"""Table-driven tests: each recognizer's positives (type expected) and decoys (left alone)."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered, redacted_values

CASES = {
    "uk_phone": [
        ("call me on 07700 900123 tonight", "07700 900123", "PHONE_NUMBER"),
        ("mob 07700900456", "07700900456", "PHONE_NUMBER"),
        ("his number is 07700-900-789", "07700-900-789", "PHONE_NUMBER"),
        ("text +44 7700 900 321 later", "+44 7700 900 321", "PHONE_NUMBER"),
        ("ring +44 (0)7700 900654", "+44 (0)7700 900654", "PHONE_NUMBER"),
        ("landline 0113 496 0000", "0113 496 0000", "PHONE_NUMBER"),
        ("nan's house is 020 7946 0123", "020 7946 0123", "PHONE_NUMBER"),
        ("try 0044 7700 900111", "0044 7700 900111", "PHONE_NUMBER"),
        ("number 07700 900 222 ok", "07700 900 222", "PHONE_NUMBER"),
    ],
    "street_address": [
        ("she lives at 14 Elm Road with her nan", "14 Elm Road", "STREET_ADDRESS"),
        ("moved to 3a coronation street last week", "3a coronation street", "STREET_ADDRESS"),
        ("staying at Flat 3, Wren House for now", "Flat 3, Wren House", "STREET_ADDRESS"),
        ("his address is 221 Baker Street", "221 Baker Street", "STREET_ADDRESS"),
        ("lives on Oakwood Crescent", "Oakwood Crescent", "STREET_ADDRESS"),
        ("in flat 12 above the shop", "flat 12", "STREET_ADDRESS"),
        ("Address Flat 12, Wren House, Sefton Way, LS6 3PD", "Flat 12, Wren House, Sefton Way", "STREET_ADDRESS"),
    ],
    "date_of_birth": [
        ("DOB 12/03/2010 on file", "12/03/2010", "DATE_OF_BIRTH"),
        ("born on 4th June 2011 in Leeds", "4th June 2011", "DATE_OF_BIRTH"),
        ("d.o.b: 01-09-2009", "01-09-2009", "DATE_OF_BIRTH"),
        ("her birthday is 3rd May", "3rd May", "DATE_OF_BIRTH"),
        ("he turns 15 on 21 October", "21 October", "DATE_OF_BIRTH"),
        ("date of birth 7 Feb 2012", "7 Feb 2012", "DATE_OF_BIRTH"),
        ("was born in 2010", "2010", "DATE_OF_BIRTH"),
        # a reply to "date of birth?" in a text chat; a calendar's own month; a birthday with no year
        ("YP: kayla price 03.02.09 im at brackenfield", "03.02.09", "DATE_OF_BIRTH"),
        ("he says his DOB is 2 Meskerem 1999, not the one assigned", "2 Meskerem 1999", "DATE_OF_BIRTH"),
        ("Mo turns 18 on 14/03 and moves to adult housing", "14/03", "DATE_OF_BIRTH"),
    ],
    "school": [
        ("she is in Year 9 at Oakfield Academy", "Oakfield Academy", "SCHOOL"),
        ("goes to st mary's catholic primary school", "st mary's catholic primary school", "SCHOOL"),
        ("excluded from Northfield High School in May", "Northfield High School", "SCHOOL"),
        ("starts at Kirkstall Valley College in September", "Kirkstall Valley College", "SCHOOL"),
        ("used to go to Brigshaw High", "Brigshaw High", "SCHOOL"),
    ],
    "social_handle": [
        ("add her on snap: kaybee_09", "kaybee_09", "SOCIAL_HANDLE"),
        ("his insta is jj.smith07", "jj.smith07", "SOCIAL_HANDLE"),
        ("messaged @lil_t_2010 about it", "@lil_t_2010", "SOCIAL_HANDLE"),
        ("tiktok @dancequeen", "@dancequeen", "SOCIAL_HANDLE"),
        ("sc - tommo_22", "tommo_22", "SOCIAL_HANDLE"),
        ("a Snapchat account (money_mike.247) offering cash", "money_mike.247", "SOCIAL_HANDLE"),
        ("Followed stormss on Instagram? Check.", "stormss", "SOCIAL_HANDLE"),
        ("add me on snap xrhysx if u want", "xrhysx", "SOCIAL_HANDLE"),
    ],
    "postcode": [
        ("lives near LS6 2AB", "LS6 2AB", "UK_POSTCODE"),
        ("postcode ls62ab", "ls62ab", "UK_POSTCODE"),
        ("somewhere in BD7 1 area", "BD7 1", "UK_POSTCODE"),
        ("M14 5RQ is the address", "M14 5RQ", "UK_POSTCODE"),
    ],
    "names": [
        ("my mate jordan was there", "jordan", "PERSON"),
        ("a lad called kayden started it", "kayden", "PERSON"),
        ("Rose's mum rang the office", "Rose", "PERSON"),
        ("spoke with Summer after group", "Summer", "PERSON"),
        ("Will said he was fine", "Will", "PERSON"),
        ("Mrs Whitfield from the estate", "Whitfield", "PERSON"),
        ("Tyler and Aisha came in late", "Tyler", "PERSON"),
        ("we met hope's brother", "hope", "PERSON"),
        ("harvey kicked off again", "harvey", "PERSON"),
        ("Dazza came to our Friday group", "Dazza", "PERSON"),
        ("robbo from the youth centre is sound", "robbo", "PERSON"),
        ("me and mensah fell out over a group chat", "mensah", "PERSON"),
        ("text barker on 07700 900111", "barker", "PERSON"),
        ('YP said "Cian Cooper\'s always looking out for me"', "Cian Cooper", "PERSON"),
        ("Worker: RS, 0113 496 0324", "RS", "PERSON"),
        ("consent forms back for A.M. and Lacey", "A.M.", "PERSON"),
        ("Worked with Sadia A. at the hub", "Sadia A.", "PERSON"),
        ("Keeley, Esme Hughes and Zebedee there too", "Zebedee", "PERSON"),
        ("Session with Ellie-Mae McCarthy today", "Ellie-Mae McCarthy", "PERSON"),
        ("my form tutor sir mensah is good", "mensah", "PERSON"),
        ("this is hope rahman by the way", "hope rahman", "PERSON"),
        ("i'm at fernhill community college", "fernhill community college", "SCHOOL"),
    ],
    "structured": [
        ("NHS number 943 476 5919", "943 476 5919", "UK_NHS"),
        ("NI number AB 12 34 56 C", "AB 12 34 56 C", "UK_NINO"),
        ("email kay.b@example.com", "kay.b@example.com", "EMAIL_ADDRESS"),
        ("car reg AB51 ABC seen twice", "AB51 ABC", "VEHICLE_REG"),
        ("silver car, partial reg LV68 seen", "LV68", "VEHICLE_REG"),
        ("passport number 123456789", "123456789", "UK_PASSPORT"),
        ("sort code 12-34-56", "12-34-56", "SORT_CODE"),
        ("account number 12345678", "12345678", "BANK_ACCOUNT"),
        ("ip 192.168.0.12 logged", "192.168.0.12", "IP_ADDRESS"),
    ],
}

# a surname after "the", or a family or group word after the word, keeps the name: privacy first
FAMILY_NAMES = [
    ("Mum is worried about the Nwachukwu brothers", "Nwachukwu"),
    ("Met the Grzelak kids at the park", "Grzelak"),
]


@pytest.mark.parametrize(("text", "needle"), FAMILY_NAMES)
def test_a_family_name_after_the_is_still_removed(redactor, text, needle):
    assert covered(redactor, text, needle) is not None, redacted_values(redactor, text)


ALL_CASES = [(group, *case) for group, rows in CASES.items() for case in rows]


@pytest.mark.parametrize(("group", "text", "needle", "expected"), ALL_CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(ALL_CASES)])
def test_identifier_is_redacted_with_type(redactor, group, text, needle, expected):
    assert covered(redactor, text, needle) == expected


DECOYS = [
    ("we met on Monday in March", ["Monday", "March"]),
    ("referred to CAMHS and MASH, PCSO came, YOT involved", ["CAMHS", "MASH", "PCSO", "YOT"]),
    ("talking about Snapchat and TikTok", ["Snapchat", "TikTok"]),
    ("she is in Year 9, aged 14", ["Year 9", "aged 14", "14"]),
    ("hung out at Roundhay Park then Greggs", ["Roundhay Park", "Greggs"]),
    ("fight at Leeds bus station near the High Street", ["Leeds", "bus station", "High Street"]),
    ("the session on 12/03/2025 went well", ["12/03/2025"]),
    ("seen again 03.02.24, and the score was 3-1-09", ["03.02.24", "3-1-09"]),
    ("5 lads down the road were shouting", ["5 lads down the road"]),
    ("she hates school and college", ["school", "college"]),
    ("sat in the park for 2 hours", ["2 hours"]),
    ("there were 20 young people at the youth club", ["20", "youth club"]),
    ("hangs about in Stonebridge after dark", ["Stonebridge"]),
    ("returned to the address on Coronation Street where she was found", ["Coronation Street"]),
    ("my mates in Moorside let me stay", ["Moorside"]),
    ("i miss school and my mates", ["school"]),
    ("Met at 9 a.m. e.g. before school", ["a.m.", "e.g."]),
    # "the" + a word the lexicon does not know is a place or a group, not a person; shortcuts "thru" a place
    ("fireworks getting thrown at people on the Gadsby again", ["Gadsby"]),
    ("I get followed in Boots, in JD, in the Kingsgate, everywhere", ["Kingsgate"]),
    ("took the shortcut thru Elmdene after school", ["Elmdene"]),
    ("GP (Meadowside Practice) to check iron; Easter trip to Heatherfield Zoo", ["Meadowside Practice", "Heatherfield Zoo"]),
    ("Sam at the Fairfield project just listens", ["Fairfield project"]),
]


@pytest.mark.parametrize(("text", "keep"), DECOYS)
def test_decoys_are_not_redacted(redactor, text, keep):
    found = redacted_values(redactor, text)
    for needle in keep:
        assert covered(redactor, text, needle) is None, (needle, found)


PLACES = [
    ("we went to Roundhay Park after school", "Roundhay Park"),
    ("trouble outside Greggs again", "Greggs"),
    ("hangs about at Crossgates Shopping Centre", "Crossgates Shopping Centre"),
    ("got the train from Leeds Station", "Leeds Station"),
    # a census first name + surname before a station is a place; "stn" is a station; an estate is kept
    ("Known to frequent Dudley Port station and the flats", "Dudley Port station"),
    ("BTP to increase presence at Tipton stn; school to be asked", "Tipton stn"),
    ("i live on the ferrybridge estate and its quiet now", "ferrybridge estate"),
]


@pytest.mark.parametrize(("text", "place"), PLACES)
def test_public_places_are_kept_and_reported(redactor, text, place):
    result = redactor.redact(text)
    assert place in result.redacted_text
    start = text.index(place)
    assert any(k.start <= start < k.end and k.type == "PUBLIC_PLACE" for k in result.kept)


def test_partnership_gazetteer_keeps_local_place(tmp_path):
    """Partnerships extend public_places.yaml; a local street name is then kept, not taken for a name."""
    import shutil

    from redaction import Redactor
    from redaction.config import DEFAULT_CONFIG

    text = "a fight on Briggate near the market"
    for name in ("default.yaml", "names.yaml", "public_places.yaml"):
        shutil.copy(DEFAULT_CONFIG.parent / name, tmp_path / name)
    places = tmp_path / "public_places.yaml"
    places.write_text(places.read_text().replace("public_places: [", "public_places: [\n  briggate,"))
    result = Redactor(config_path=tmp_path / "default.yaml").redact(text)
    assert result.redacted_text == text
    assert (text.index("Briggate"), text.index("Briggate") + 8) in [(k.start, k.end) for k in result.kept]
