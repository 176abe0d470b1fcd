"""Case, crime, pupil and police references: removed, and the numbers that are no reference kept."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

FOUND = [
    ("Admissions. Nadia R, UPN K823401923018, DOB 03/03/2012", "K823401923018"),   # a Unique Pupil Number
    ("Unique Pupil Number A12345678901B on the form", "A12345678901B"),             # a temporary UPN
    ("PNC ID 12/345678A, known to police", "12/345678A"),
    ("Passed to police, crime ref WM/24/88120. Boy is safe", "WM/24/88120"),
    ("The police have a crime number 14/88231/24 now", "14/88231/24"),
    ("Her Mosaic ID is 123456 if you need it", "123456"),
    ("He has had an EHCP since Year 4 (ref HB/EHC/19/2284).", "HB/EHC/19/2284"),
    ("Conveyed to Southmead custody, ref SM/23/31166. Interviewed", "SM/23/31166"),
    ("HO ref: A1234590/3. Placed with carers", "A1234590/3"),
    ("Mum rang it in, police log no. 0412 of 1st April", "0412"),
    ("student ID 20231234 on her lanyard", "20231234"),
    ("her UCI number is 1234-5678 on the letter", "1234-5678"),               # a Home Office client identifier
    ("claim number 12345 2024 was filed", "12345 2024"),                       # groups of digits, spaced
]
NOT_FOUND = [
    ("101 ref given, no further action", "101"),        # the number before "ref" is the police line
    ("put her on ref 2 of the list", "2"),               # fewer than four digits
    ("Bring your ID card for the trip on 12/03", "12/03"),
    ("She got 12/20 on the test and 2/3 on the quiz", "12/20"),
    ("see the reference below for details", "below"),
]


@pytest.mark.parametrize(("text", "needle"), FOUND)
def test_references_that_lead_to_a_record_are_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "REFERENCE_NUMBER"


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_numbers_that_are_no_reference_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None
