"""Schools without any local list: the generic shapes, in any case, and the text they must leave alone."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

FOUND = [
    ("trained on the field at St Benedict's after school", "St Benedict's"),
    ("Rosie goes to Chipping Lane Primary.", "Chipping Lane Primary"),  # a capitalised -ing word inside a name
    ("School: Saint Oswald's C of E (she calls it that).", "Saint Oswald's C of E"),
    ("School: St Bede's RC (he calls it 'Beddies').", "Beddies"),  # the school's nickname
    ("Kofi (4) attends Little Acorns Nursery.", "Little Acorns Nursery"),
    ("Idris has started at Ashworth Boys' and likes it.", "Ashworth Boys"),
    ("he goes to st peters now", "st peters"),
    ("i feel safe at school (st aidans) mostly", "st aidans"),
    ("ashgrove high is rubbish", "ashgrove high"),
    ("she is in year 9 at ashgrove high", "ashgrove high"),
    ("School attendance at Millbrook Secondary is 80%", "Millbrook Secondary"),
    ("attending Ridgeway Alternative Provision three days", "Ridgeway Alternative Provision"),
    ("permanently excluded from Greystone in November", "Greystone"),
    ("Kieran, Y9 Beechfield, seen today", "Beechfield"),
    ("SENCO at Moorend rang back", "Moorend"),
    ("my son's school (Brampton Park) have been good", "Brampton Park"),
    ("jake from year 9 at westbrook keeps starting", "westbrook"),
    ("THE TALK AT WESTBROOK HIGH WAS LATE", "WESTBROOK HIGH"),
    ("a place at Meadowbank Hair & Beauty Academy from Feb", "Meadowbank Hair & Beauty Academy"),
    ("Tel w/ DSL Mrs Ahmed (Dunmore Park) - not attending", "Dunmore Park"),  # a staff role names the school
    ("the rec by st bedes is better", "st bedes"),
    ("Mr Khan at Dunmore confirmed he has a late pass, so no more detentions", "Dunmore"),  # plural school talk
    ("PEP - Harvey, Y8, Castle Vale. Contact moved to Wednesdays", "Castle Vale"),  # English words, two capitalised
    ("Sophie (Yr3, Holy Trinity) said at craft table", "Holy Trinity"),
    ("Mrs Khan (DT, Marsh Lane) adding support", "Marsh Lane"),
    ("from Hollins Green Academy to Fellbridge High. 4 suspensions at HGA this year", "HGA"),  # its initials
    ("a UCAS offer from the University of Westmere. First year at Westmere done", "University of Westmere"),
    ("First year at Westmere done, after an offer from the University of Westmere", "Westmere"),  # the repeat
    ("everyone in my form vapes in the toilets. im at oakfield if that helps", "oakfield"),
    ("He's Yr 8 at Brentwood Park. Mum wants a move", "Brentwood Park"),  # the slot beats the park's keyword
    ("most in Kelsall Park uniform. Said it was a study day", "Kelsall Park"),
    ("his Castlebrook blazer was ripped", "Castlebrook"),
    ("my form tutor is ok. and at coastway a few kids call me names", "coastway"),  # a name's ending, school talk
    ("kicked out in year 9, then outside the gates at harbourgate every friday", "harbourgate"),
    ("why does everyone at ridgeway post pics. now the whole year has seen it", "ridgeway"),
    ("st bedes should have a counsellor every day", "st bedes"),  # opening the message
    ("Lil has settled at Ashgrove. Attendance 100% first two weeks.", "Ashgrove"),  # looser school talk, a bare name
    # a church school's dedication; a capital "The" inside the name; capitals in brackets after a school stand for it
    ("Rhys is at Holy Trinity, Year 10.", "Holy Trinity"),
    ("All word of mouth from the girls at sacred heart. Need more bibs.", "sacred heart"),
    ("Kayla, 13, Our Lady of Walsingham. Missing overnight.", "Our Lady of Walsingham"),
    ("Summary - Year 9 group, The Beeches School. 6 young people", "The Beeches School"),
    ("School: St Cuthbert's Catholic High School (SCCHS)", "SCCHS"),
    # a school's initials in a bracketed year or group; a PRU's name in brackets; a university written "Uni"
    ("Fin (Y11, KBA) - mocks start Monday.", "KBA"),
    ("exam group wk 2 (5 pupils, WCC). Theme: worry.", "WCC"),
    ("now at the PRU (Thornton Centre). Says he's got no one", "Thornton Centre"),
    ("stuff going on at uni (Central Met Uni). Says her sister", "Central Met Uni"),
    ("sitting on her own at lunch at Hartfield Girls'. She asked", "Hartfield Girls'"),  # the apostrophe goes too
    ("A Year 10 from Ashdown Park said she'd done 3 days", "Ashdown Park"),
    ("16:45 - Brookfold pupils fighting on the field", "Brookfold"),  # a name no dictionary holds, then its pupils
    ("- Nursery (Sunbeams, Saltmere): Riley started in Sept", "Sunbeams"),
    ("He has been sent to Phoenix House the alternative provision and I", "Phoenix House"),
    ("Visited Reset Hub (AP, Canal Street) re Marcus.", "Reset Hub"),
    ("hes in year 11 at the grange and hates it", "the grange"),  # a year group places the name as a school
    ("the year 10s from Oakmere were there again", "Oakmere"),
]


def test_a_school_short_name_in_brackets_is_removed_where_it_recurs(redactor):
    text = "School: St Cuthbert's Catholic High School (SCCHS)\nReason: SCCHS rang about her"
    entities = [(e.type, text[e.start:e.end]) for e in redactor.redact(text).entities]
    assert entities.count(("SCHOOL", "SCCHS")) == 2


@pytest.mark.parametrize(("text", "needle"), FOUND)
def test_generic_school_shapes_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "SCHOOL"


LEFT = [
    ("i was so high that night", "high"),
    ("GOT HIGH AT THE PARK", "GOT HIGH"),
    ("went to St Mary's Church on Sunday", "St Mary's Church"),
    ("meet on the high st shops", "high st shops"),
    ("we sit by the high st shops", "high st shops"),
    ("Phoned school about it", "Phoned"),
    ("Attended Harcourt Crown Court with him", "Harcourt Crown Court"),
    ("he loves the football academy", "football"),
    ("year 9 girl, seen alone", "girl"),
    ("Mum attended Eastmoor front counter", "Eastmoor front counter"),
    ("Y10, Design Technology coursework due", "Design Technology"),
    ("Jo (Y11, Maths set 2) struggling", "Maths"),
    ("im at home now and school was peak", "home"),
    ("went to university last year", "university"),
    ("in Police uniform and a Navy jumper", "Police"),
    ("he came back from rehab before school started", "rehab"),  # jargon the dictionary lacks
    ("Outside school. Said school was fine", "Outside school"),
    ("Came to the group at the Saturday session. Attendance was good.", "the Saturday"),  # "the X" needs more
    ("she goes to shul on saturdays, school on weekdays", "shul"),
    ("Mass at Holy Trinity Church on Sunday", "Holy Trinity Church"),
    ("prayers to the holy spirit for her nan", "holy spirit"),
    ("Jo (Y9, SEN) struggling in maths", "SEN"),  # a need, not a school's initials
    ("she's at uni now and loving it", "uni"),
    ("Muslim pupils were fasting that week", "Muslim"),
    ("Visited Reset Hub (AP, Canal Street) re Marcus.", "Visited"),
    ("Drop-in at the Thornbury Centre (PRU). The PRU staff were great", "PRU staff"),
    ("She is in year 9 at the moment and settled", "the moment"),
    ("a lad in year 8 at lunch said it", "lunch"),
    ("Westbury Grange School (Year 11 from Sept) is her school", "Sept"),
]


@pytest.mark.parametrize(("text", "needle"), LEFT)
def test_words_that_only_look_like_a_school_are_not_removed_as_one(redactor, text, needle):
    assert covered(redactor, text, needle) != "SCHOOL"


@pytest.mark.parametrize(("text", "_"), FOUND)
def test_school_spans_start_and_end_on_word_boundaries(redactor, text, _):
    for ent in redactor.redact(text).entities:
        assert ent.start == 0 or not text[ent.start - 1].isalnum(), (text, ent)
        assert ent.end == len(text) or not text[ent.end].isalnum(), (text, ent)
