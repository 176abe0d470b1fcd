"""Structured identifiers as people mistype or half-spell them (a probe of common UK forms, written
for these tests, not taken from any corpus)."""
from __future__ import annotations

import pytest

from tests.redaction.conftest import covered

FOUND = [
    ("email jo dot bloggs at gmail dot com", "jo dot bloggs at gmail dot com", "EMAIL_ADDRESS"),
    ("her email is jo.bloggs at gmail.com", "jo.bloggs at gmail.com", "EMAIL_ADDRESS"),
    ("jo_b at hotmail dot co dot uk is the one she uses", "jo_b at hotmail dot co dot uk", "EMAIL_ADDRESS"),
    ("rang him on 077009001234 but no answer", "077009001234", "PHONE_NUMBER"),
    ("postcode is ls6  2ab", "ls6  2ab", "UK_POSTCODE"),
    ("bday 03/03", "03/03", "DATE_OF_BIRTH"),
    ("at 22b Rose Tce since May", "22b Rose Tce", "STREET_ADDRESS"),
    ("his postcode B69-3DL", "B69-3DL", "UK_POSTCODE"),
    ("contact xxx@mail.co.uk now", "xxx@mail.co.uk", "EMAIL_ADDRESS"),  # "xxx" in an address is no redaction mark
    ("address 5 The Crescent, Ashmoor", "5 The Crescent", "STREET_ADDRESS"),
    # the parts of one address are one span: the commas between them go too
    ("Address: Flat 7B, Chadwick House, 140 Soho Road", "Flat 7B, Chadwick House, 140 Soho Road", "STREET_ADDRESS"),
    # a name with a nickname inside it is one person
    ("Zac (Zachary) Nuttall, DOB 05/01/2010", "Zac (Zachary) Nuttall", "PERSON"),
    ("Attendees: Imran 'Immy' Begum and Tom", "Imran 'Immy' Begum", "PERSON"),
    ("seen in a black audi, plate R123 ABC, twice", "R123 ABC", "VEHICLE_REG"),
    ("ni plate ABZ 1234 on the van", "ABZ 1234", "VEHICLE_REG"),
    ("private plate J4 MES on a white merc", "J4 MES", "VEHICLE_REG"),
    ("reg starts with LK and ends in TGX", "TGX", "VEHICLE_REG"),
    ("reg YK 65 XWB seen twice", "YK 65 XWB", "VEHICLE_REG"),
    ("postcode WS10 7 AB on the form", "WS10 7 AB", "UK_POSTCODE"),
    ("she rang from 07700 9oo 455 again", "07700 9oo 455", "PHONE_NUMBER"),  # the letter o for a zero
    ("a white van, something like YT17 ..KL, outside", "YT17 ..KL", "VEHICLE_REG"),  # unseen characters marked
    ("placed at Orchard Lodge, 14 Mill Lane since May", "Orchard Lodge, 14 Mill Lane", "STREET_ADDRESS"),
    ("seen leaving in a car, EF6_ _KZ, at 2am", "EF6_ _KZ", "VEHICLE_REG"),
    ("a black Audi, which fits the partial 'BD7' from May", "BD7", "VEHICLE_REG"),
    ("lives at Flat 3, Kestrel House, Moorfield Estate with her dad", "Flat 3, Kestrel House, Moorfield Estate",
     "STREET_ADDRESS"),
    ("cover is Sam Reid (ext 4416) until Friday", "ext 4416", "PHONE_NUMBER"),
    ("a white van (KR17 partial, rest not seen) by the gates", "KR17", "VEHICLE_REG"),
    ("complaint from a neighbour (no. 27) about the noise", "no. 27", "STREET_ADDRESS"),
    ("post code ws 10 7ab on the form", "ws 10 7ab", "UK_POSTCODE"),
    ("Caller states the children next door at no. 24 are alone", "no. 24", "STREET_ADDRESS"),
    ("neighbour rang to say Lola from number 6 is back", "number 6", "STREET_ADDRESS"),
    ("Visited 3 Beckett House about rent arrears", "3 Beckett House", "STREET_ADDRESS"),
    ("six of us in a two bed flat, 22 Calloway House, Ardwick Lane. Me, my parents", "22 Calloway House, Ardwick Lane",
     "STREET_ADDRESS"),
    ('Reg they remembered: "BK19 something, maybe VXP". Passed on', "VXP", "VEHICLE_REG"),
    ("Doorstep at no. 7 Gorse Lane. Grandmother answered", "no. 7 Gorse Lane", "STREET_ADDRESS"),
    ("No.9 Hazel Walk. Nobody in.", "No.9 Hazel Walk", "STREET_ADDRESS"),
    ("im at dean's on kestrel close no 14. he says i can stop", "kestrel close no 14", "STREET_ADDRESS"),
    ("my mate ellies on larch grove, no 12. her mums ok", "larch grove, no 12", "STREET_ADDRESS"),
    ("Currently at no. 7 on Heron Way with her ex's family", "no. 7 on Heron Way", "STREET_ADDRESS"),
    ("Move-in at the hostel, Room 14, 3 Wellgate Road", "Room 14, 3 Wellgate Road", "STREET_ADDRESS"),
    ("Home visit, 5a Station Cottages, then school", "5a Station Cottages", "STREET_ADDRESS"),
    ("at the Kingsway Inn, 203 Kingsway. Room tidy", "203 Kingsway", "STREET_ADDRESS"),
    ("placed at the hotel, 56 Esplanade. She has", "56 Esplanade", "STREET_ADDRESS"),
    ("a flat, number 9 in Alder House, Foxton Road, where the door", "number 9 in Alder House, Foxton Road",
     "STREET_ADDRESS"),
    ("he lives in flat 14 block C. my lad", "flat 14 block C", "STREET_ADDRESS"),
    ("Told her his NI number is QH 48 29 17 B so check", "QH 48 29 17 B", "UK_NINO"),  # a prefix never issued
    ("partial reg ends in ...WXP. parks outside", "WXP", "VEHICLE_REG"),
    ("reg bk 19 fho on a black golf", "bk 19 fho", "VEHICLE_REG"),
    ("the reg is something like YK19 ... I think it ends in PXO. He shouted", "PXO", "VEHICLE_REG"),
    ("She gave her NI as QH 48 29 17 B and asked us to check", "QH 48 29 17 B", "UK_NINO"),
    ("reg something like 'LJ69 OWN' maybe OWM. I rang 999", "OWM", "VEHICLE_REG"),
    ("a number on a sticky note on the back that started 07984. Son thinks", "07984", "PHONE_NUMBER"),
    ("coming to the end house (number 2, the one with the boarded window)", "number 2", "STREET_ADDRESS"),
    # plates as witnesses half remember them, and oddly spaced
    ("a blue fiesta ending 4RT keeps parking up", "4RT", "VEHICLE_REG"),
    ("grey estate, she only got the last letters - PWN.", "PWN", "VEHICLE_REG"),
    ("one of them gave a partial reg, 'something KDX'", "KDX", "VEHICLE_REG"),
    ("reg partly noted as 'MT 68 ...' by staff", "MT 68", "VEHICLE_REG"),
    ("a white Transit, partial reg LF7-, at the gates", "LF7-", "VEHICLE_REG"),
    ("a red Astra, BN 19VXE, outside the shop", "BN 19VXE", "VEHICLE_REG"),
    ("driver works for Star Cars, taxi plate 2291", "2291", "VEHICLE_REG"),
    # a date of birth with a two-digit year; a house with no street type where a form or a postcode says so
    ("Item 3 - Keira Todd (DOB 4 June 10). Update", "4 June 10", "DATE_OF_BIRTH"),
    ("Address: 11 Larch Fields, Penbury PN4 2QT", "11 Larch Fields", "STREET_ADDRESS"),
    ("she stayed at 3 Mill Side, Ormsby OS2 6JT over the weekend", "3 Mill Side", "STREET_ADDRESS"),
    ("He gave an address at 8 Cooper Fold, Eastgate.", "8 Cooper Fold", "STREET_ADDRESS"),
    # a room in a named hostel or block; a card's last digits; a number from abroad
    ("Lives at the Ashby House hostel, room 12. Says it's loud", "Ashby House hostel, room 12", "STREET_ADDRESS"),
    ("Lives at Southgate Foyer, flat 2A since May", "Southgate Foyer, flat 2A", "STREET_ADDRESS"),
    ("her bank statement (card ending 5521) shows withdrawals", "5521", "BANK_ACCOUNT"),
    ("the postcode starts WF10, that's all she'd say", "WF10", "UK_POSTCODE"),
    ("he messaged the number on WhatsApp (+40 723 456 789) and was told to travel", "+40 723 456 789", "PHONE_NUMBER"),
    # a district where someone lives, stays or was found
    ("they moved to the LS9 area in March", "LS9", "UK_POSTCODE"),
    ("she stayed at an address in M14 with an older male", "M14", "UK_POSTCODE"),
    ("we live round bd7 its peak", "bd7", "UK_POSTCODE"),
    ("rang from somewhere in SO14, phone dying", "SO14", "UK_POSTCODE"),
    # older plates, plates read out or half seen, in either case
    ("white van reg no. y123 abc by the shop", "y123 abc", "VEHICLE_REG"),
    ("number plate W 123 ABC on a red BMW", "W 123 ABC", "VEHICLE_REG"),
    ("caretaker got the reg: K T 6 8 and then lost it", "K T 6 8", "VEHICLE_REG"),
    ("Partial VRM '?D19 ?KX' on the ANPR", "?D19 ?KX", "VEHICLE_REG"),
    ("he drives a Range Rover M8 TKO now", "M8 TKO", "VEHICLE_REG"),
    ("the reg had PWX at the end i think", "PWX", "VEHICLE_REG"),
    ("its like kx17 something, silver", "kx17", "VEHICLE_REG"),
    ("reg starts with kx i think", "kx", "VEHICLE_REG"),
    ("text her on o7700 9o0 512 tonight", "o7700 9o0 512", "PHONE_NUMBER"),
    ("add me 0 7 7 0 0 9 0 0 6 1 2 on snap", "0 7 7 0 0 9 0 0 6 1 2", "PHONE_NUMBER"),  # spaced out past filters
    ("Address: 14 fern rd ls6, lives with nan", "ls6", "UK_POSTCODE"),  # a district ending an address, in lower case
    ("his xbox gamertag xXJaydenXx keeps messaging her", "xXJaydenXx", "SOCIAL_HANDLE"),
    ("meet me at 3/14 fern court after", "3/14 fern court", "STREET_ADDRESS"),  # flat 3 of number 14
    # an address written to dodge a filter, or with its ending left off; a link-in-bio page
    ("email jj2009 (at) gmail (dot) com", "jj2009 (at) gmail (dot) com", "EMAIL_ADDRESS"),
    ("its jj2009[at]gmail.com", "jj2009[at]gmail.com", "EMAIL_ADDRESS"),
    ("mail me on kayla2009@icloud", "kayla2009@icloud", "EMAIL_ADDRESS"),
    ("my link is linktr.ee/kaylax", "linktr.ee/kaylax", "URL"),
    ("threema ID ABCD1234 - told her to block it", "ABCD1234", "SOCIAL_HANDLE"),  # apps groomers move children to
    ("Osman heard yesterday that his father was killed.", "Osman", "PERSON"),  # a young person's name, not only a warning
    ("she was born 2009 in Leeds", "2009", "DATE_OF_BIRTH"),
    # a date of birth said aloud and transcribed, or written out in words
    ("i was born on the twelfth of march two thousand and nine", "twelfth of march two thousand and nine", "DATE_OF_BIRTH"),
    ("born on the twenty-first of may twenty ten", "twenty-first of may twenty ten", "DATE_OF_BIRTH"),
    ("date of birth: third September 2008", "third September 2008", "DATE_OF_BIRTH"),
    ("the number plate has KX something, silver", "KX", "VEHICLE_REG"),
    ("reg like yk 19 or something i dunno", "yk 19", "VEHICLE_REG"),
    ("there's girls at his flat in m8 most nights", "m8", "UK_POSTCODE"),  # after "in", text-speak is a district
]
NOT_FOUND = [
    ("I will email you at lunch then go to the shop dot com", "lunch"),
    ("the code was 077009001234", "077009001234"),  # twelve digits with no phone word: not a phone
    ("the score was 3/3 on her birthday", "3/3"),
    ("we met on the second of May and she was fine", "second of May"),  # a day in words with no birth word or year
    ("he lives at 14 fern rd m8 come round", "m8"),  # text-speak after an address is still text-speak
    ("i was at hotmail dot com for ages", "was at hotmail"),  # a function word is no address's local part
    ("Police issued an Osman warning to the family.", "Osman"),  # the warning, named after a case
    ("Mum applied under Sarah's Law last week.", "Sarah"),          # the disclosure scheme, not a person here
    ("Discussed the Clare's Law / right to ask route.", "Clare"),
    ("NI number AB 12 34 56 C", "NI"),  # the NINO goes; "NI" is not a person
    ("took the car down the A34 the other day", "A34 the"),  # a road, not an old plate
    ("in the car on the M6 and then home", "M6 and"),
    ("the reg on 12 feb was late", "on 12 feb"),
    ("the room holds 7 ooo and more", "7 ooo"),  # o's without the digits of a phone number
    ("see you at 10 ..after lunch", "10 ..after"),
    ("we only had a partial response from CSC", "partial response"),
    ("the extension 2024 plans were agreed", "2024"),
    ("it is our (number 1 priority) this term", "number 1"),
    ("she came in at number 3 and was pleased", "number 3"),  # no home or neighbour in the note
    ("the neighbour said it was at number 10 in the charts", "number 10"),
    ("fix the light outside number 40 its been flickering", "number 40"),
    ("he lives on the road, no 5 was empty", "no 5"),
    ("caught one of the 2 Kingsway buses home", "2 Kingsway"),
    ("the code QH 48 29 17 B on the box", "QH 48 29 17 B"),  # no NI number named
    ("the reg is something like YK19 ... I think it ends", "... I"),  # the pronoun is no plate letter
    ("the score was 07984 and it started raining", "07984"),
    ("the first three letters of the code are ABC", "ABC"),  # no car or plate named
    ("the car park ending at Tesco was busy", "Tesco"),
    ("in Year 10 set AB 12 were loud", "AB 12"),
    ("bus got in at 10, Pembroke LS1 4AB office", "10, Pembroke"),
    ("We met in the Council House, room 4 was free", "Council House, room 4"),  # no one lives there
    ("the score went +3 then +12 by the end", "+3 then +12"),
    ("a car with the registration YK68 was seen on CCTV", "was"),  # a plate's letters are in one case
    ("he lives off the M62 near junction 26", "M62"),  # a motorway, not a district
    ("got home l8 again lol", "l8"),  # text-speak, not a district
    ("shes from b4 the war", "b4"),
    ("the reg starts with my name", "my"),
]


@pytest.mark.parametrize(("text", "needle", "kind"), FOUND)
def test_mistyped_and_half_spelled_identifiers_are_removed(redactor, text, needle, kind):
    assert covered(redactor, text, needle) == kind


@pytest.mark.parametrize(("text", "needle"), NOT_FOUND)
def test_look_alikes_stay(redactor, text, needle):
    assert covered(redactor, text, needle) is None


@pytest.mark.parametrize(("text", "names", "labels"), [
    ("Surname: OKAFOR Forename: Jayden", ["OKAFOR", "Jayden"], ["Forename:"]),
    ("First name: Jayden Last name: Okafor", ["Jayden", "Okafor"], ["Last name:"]),
    ("Mum: Tracey Okafor Address: 14 Fern Road", ["Tracey Okafor"], ["Address:"]),
])
def test_a_form_keeps_its_next_field_label(redactor, text, names, labels):
    """The name goes; the label of the field after it stays, so the form still reads."""
    result = redactor.redact(text)
    assert [text[e.start:e.end] for e in result.entities if e.type == "PERSON"] == names
    assert all(label in result.redacted_text for label in labels)
