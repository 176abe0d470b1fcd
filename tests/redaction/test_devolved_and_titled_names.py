"""Welsh, Scottish and Irish shapes (streets, schools, name particles, plates) and titles before surnames."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

FOUND = [
    ("Long session with him at 9 Heol y Nant today", "9 Heol y Nant", "STREET_ADDRESS"),
    ("dad's flat, 5 Maes yr Haf, Pontygarth. Damp", "5 Maes yr Haf", "STREET_ADDRESS"),
    ("stay with her auntie at 3/2, 14 Craigpark Drive. Finding", "3/2, 14 Craigpark Drive", "STREET_ADDRESS"),
    ("Yr 8 session at Ysgol Bro Taf on vaping", "Ysgol Bro Taf", "SCHOOL"),
    ("attendance meeting at school (Glyncoed comp). Sat in", "Glyncoed comp", "SCHOOL"),
    ("his car, reg NIZ 4471, outside the estate", "NIZ 4471", "VEHICLE_REG"),
    ("Iwan ap Rhys in, first time in weeks.", "Iwan ap Rhys", "PERSON"),
    ("Aoife Ní Bhriain (16) has now missed her third session", "Aoife Ní Bhriain", "PERSON"),
    ("Present: Tayo (Chair), Inspector Rahman (police)", "Inspector Rahman", "PERSON"),
    ("Copy in Cllr Dunmore this time.", "Cllr Dunmore", "PERSON"),
]
LEFT = [
    ("the football comp was great", "football comp"),
    ("the Inspector said no", "Inspector"),
    ("Kyle d.o.b 11/11/08, 30 Sedgley Rd West", "11/11/08, 30"),  # a date is no tenement flat's number
]


@pytest.mark.parametrize(("text", "needle", "kind"), FOUND)
def test_devolved_shapes_and_titles_are_removed(redactor, text, needle, kind):
    assert covered(redactor, text, needle) == kind


@pytest.mark.parametrize(("text", "needle"), LEFT)
def test_their_look_alikes_stay_or_stay_apart(redactor, text, needle):
    assert covered(redactor, text, needle) is None
