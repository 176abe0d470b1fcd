"""Bare area names that read like names: kept when a group or a list shows them to be places,
removed when the words around them say person (privacy first)."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

KEPT = [
    ("the Brookvale lot were by the shops again", "Brookvale"),
    ("two of the Hattersfield lads came over", "Hattersfield"),
    ("checked the skate park + Brookvale, then home", "Brookvale"),
    ("route tonight: retail park, Hattersfield, bus station", "Hattersfield"),
    ("stopped on Mill Lane, Brookvale, at 2100hrs", "Brookvale"),
    # hospitals, clinics, blocks of flats, leisure centres and clubs by their usual last word
    ("Attended Holmeford Royal ED with a burn to her arm", "Holmeford Royal"),
    ("discharged from Ward 4, Sandhurst Infirmary, on Friday", "Sandhurst Infirmary"),
    ("offered the Thursday drop-in at Cressley Clinic", "Cressley Clinic"),
    ("six lads by the bins behind Thorne House again", "Thorne House"),
    ("complaints from residents of Pellow Court about noise", "Pellow Court"),
    ("started going to the gym at Westcliff Leisure", "Westcliff Leisure"),
    ("mediation at Ravenhill CC went well", "Ravenhill CC"),
    ("boxing at Northgate ABC on Mondays", "Northgate ABC"),
    ("took her to a Travelodge near the motorway", "Travelodge"),  # chains young people and workers name
    ("rude to the waitress at Frankie & Benny's", "Frankie & Benny's"),
    ("we went to Ashcombe Pools after school", "Ashcombe Pools"),
    ("down Westhaven seafront with older lads", "Westhaven seafront"),
]
REMOVED = [
    ("the Okafor family moved last month", "Okafor"),
    ("Met the Grzelak kids at the park", "Grzelak"),
    ("she talks to her aunt in Dalston, Kwame, and me", "Kwame"),  # a known first name in a list stays a name
    ("im at my cousin jas house now", "jas"),  # a lower-case "house" is somebody's home
]


@pytest.mark.parametrize(("text", "needle"), KEPT)
def test_area_names_in_groups_and_place_lists_are_kept(redactor, text, needle):
    assert covered(redactor, text, needle) is None


@pytest.mark.parametrize(("text", "needle"), REMOVED)
def test_names_beside_groups_and_places_are_still_removed(redactor, text, needle):
    assert covered(redactor, text, needle) == "PERSON"
