"""Fictional identifier values (names and structured PII) for the synthetic corpora.

Every value is made up: name parts are combined at random, phones sit in Ofcom's
drama ranges, NHS numbers in the 999 test range (with valid mod-11 check digits) and
emails on example domains. Each maker takes the record's `random.Random` so output is
reproducible by seed and varied enough that a model cannot learn one fixed format.
"""
from __future__ import annotations

import random
import string

FIRST_NAMES = (
    "Jaden Kayla Tyler Aisha Mohammed Oliwia Kacper Chloe Liam Amira Riley Jayden Leah Callum Precious "
    "Kieran Shannon Bradley Demi Reece Tia Ellis Maisie Kofi Zainab Harvey Lacey Jamal Nadia Connor "
    "Freya Tariq Skye Dylan Keeley Aaron Mya Ibrahim Courtney Lewis Bethany Ayaan Kaci Declan Ruby "
    "Marcus Esme Theo Alfie Imani Shay Zak Amber Yusuf Lily Ellie-Mae Kai Millie Darnell Sadia Owen "
    "Lola Finley Nikola Aleksander Roxanne Kyle Jasmine Rhys Leon Toni Cian Danika Ravi Priya Harley "
    "Niamh Malachi Ciara Abdul Georgia Levi Saskia Brandon Isla Mason Paige Ethan Kenzie Amelia Jake"
).split()
WORD_NAMES = ("Rose", "Hope", "Jordan", "Summer", "Will", "Grace", "Faith", "Hunter", "Sky", "Autumn",
              "Bill", "Dawn", "Jack", "Brook", "Joy", "Mercy", "Rich", "Frank", "Storm", "Sunny")
SURNAMES = (
    "Smith Khan Morris Begum Kowalski O'Neill Okafor Hughes Patel Walsh Ahmed Clarke Nowak Murphy "
    "Thompson Hussain Mensah Doyle Barker Ali Lewandowski Kelly Richardson Shah Osei Fletcher Rahman "
    "Brennan Wright Iqbal Kaur Gallagher Holt Adeyemi Pearson Nawaz Sharpe McCarthy Dunn Bibi "
    "Ashworth Hale Cooper Mahmood Quinn Ryder Fenwick Achterberg Lowe Mwangi Sutcliffe Haigh Rowe"
).split()
NICKNAMES = ("Jay", "Mo", "Kels", "Tay", "Smithy", "Deano", "Ellz", "Macca", "Lils", "Bex", "Tee", "Zee",
             "Kaz", "Robbo", "Dazza", "Shaz", "Big J", "Lil K", "Nads", "Cal")
SCHOOL_STEMS = ("Northgate", "Brookfield", "Hollins", "Kirkdale", "Oakwood", "Ravensmoor", "Castlebrook",
                "Ashworth", "Whitecross", "Millbank", "Fernhill", "Larkspur", "Stonebridge", "Hallam Vale",
                "Greystones", "Westfield Park", "Moorside", "Copperfield", "Elmhurst", "Thornbury Lane")
SCHOOL_SUFFIXES = ("Academy", "High School", "Community College", "Primary School", "School", "College",
                   "Free School", "Sixth Form College", "High", "Pupil Referral Unit", "Learning Centre")
SAINTS = ("St Hilda's", "St Aidan's", "Sacred Heart", "St Bede's", "Holy Family", "St Cuthbert's")
STREET_STEMS = ("Hollis", "Elm", "Wren", "Beckett", "Lister", "Tanner", "Foundry", "Chapel", "Victoria",
                "Mill", "Canal", "Albion", "Raglan", "Hawthorn", "Coronation", "Sefton", "Kestrel",
                "Marlow", "Gorse", "Balmoral", "Cromwell", "Lilac", "Orchard", "Sandringham", "Heron")
STREET_SUFFIXES = ("Road", "Street", "Lane", "Grove", "Avenue", "Close", "Drive", "Terrace", "Way",
                   "Crescent", "Walk", "Mount", "Place")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "example.co.uk", "mail.example.com")
MONTHS = ("January February March April May June July August September October November "
          "December").split()
POSTCODE_AREAS = ("LS", "M", "B", "S", "NE", "BD", "HU", "L", "WF", "CF", "SR", "OL", "BS", "NG", "E", "N")
PHONE_FORMATS = (
    "07700 900{d3}", "07700900{d3}", "07700 900 {d3}", "+44 7700 900{d3}", "+447700900{d3}",
    "(07700) 900{d3}", "0113 496 0{d3}", "0113 4960{d3}", "(0113) 496 0{d3}", "01632 960{d3}",
    "01632960{d3}", "020 7946 0{d3}", "0207 946 0{d3}", "+44 20 7946 0{d3}", "0114 496 0{d3}",
    "0161 496 0{d3}", "0191 498 0{d3}", "07700-900-{d3}", "+44 (0)7700 900{d3}", "0117 4960 {d3}",
)
NINO_BAD_FIRST = set("DFIQUV")
NINO_BAD_SECOND = set("DFIOQUV")
NINO_BAD_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
REG_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"


def first_name(rng: random.Random) -> str:
    """A first name, one in six an ordinary English word (Rose, Will) to stress taggers."""
    return rng.choice(WORD_NAMES) if rng.random() < 0.17 else rng.choice(FIRST_NAMES)


def person(rng: random.Random) -> str:
    """A person reference in one of the forms case notes really use."""
    r = rng.random()
    if r < 0.42:
        return first_name(rng)
    if r < 0.62:
        return f"{first_name(rng)} {rng.choice(SURNAMES)}"
    if r < 0.74:
        return rng.choice(NICKNAMES)
    if r < 0.82:
        return f"{first_name(rng)} {rng.choice(SURNAMES)[0]}."
    if r < 0.90:
        a, b = first_name(rng)[0], rng.choice(SURNAMES)[0]
        return rng.choice((f"{a}.{b}.", f"{a}{b}", f"{a}. {b}."))
    return rng.choice(SURNAMES)


def phone(rng: random.Random) -> str:
    """A UK phone number inside an Ofcom drama range, with varied spacing and prefixes."""
    return rng.choice(PHONE_FORMATS).format(d3=f"{rng.randrange(1000):03d}")


def email(rng: random.Random) -> str:
    """An address on an example domain, usually with dots or underscores in the local part."""
    f, s = first_name(rng).lower(), rng.choice(SURNAMES).lower().replace("'", "")
    local = rng.choice((f"{f}.{s}", f"{f}{rng.randrange(1, 99)}", f"{f}_{s}{rng.randrange(10)}",
                        f"{f[0]}.{s}", f"{s}.{f}.{rng.randrange(2005, 2015)}", f"x.{f}.x"))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def postcode(rng: random.Random) -> str:
    """A UK-format postcode, sometimes lowercase or without the space."""
    area = rng.choice(POSTCODE_AREAS)
    outward = f"{area}{rng.randrange(1, 30)}"
    inward = f"{rng.randrange(10)}{''.join(rng.choice('ABDEFGHJLNPQRSTUWXYZ') for _ in range(2))}"
    pc = rng.choice((f"{outward} {inward}", f"{outward}{inward}", f"{outward} {inward}"))
    return pc.lower() if rng.random() < 0.2 else pc


def street(rng: random.Random) -> str:
    """A street name without a house number (a public place, not an address)."""
    return f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_SUFFIXES)}"


def street_address(rng: random.Random) -> str:
    """A home address: house or flat number plus street or block name."""
    n = rng.randrange(1, 180)
    return rng.choice((
        f"{n} {street(rng)}", f"{n}{rng.choice('abc')} {street(rng)}",
        f"Flat {rng.randrange(1, 40)}, {rng.choice(STREET_STEMS)} House",
        f"flat {rng.randrange(1, 40)} {rng.choice(STREET_STEMS)} Court", f"{n}, {street(rng)}",
    ))


def _date_parts(rng: random.Random, years: range) -> tuple[int, int, int]:
    return rng.choice(years), rng.randrange(1, 13), rng.randrange(1, 29)


def format_date(rng: random.Random, y: int, m: int, d: int) -> str:
    """Render a date in one of the formats practitioners type."""
    suffix = "th" if 10 < d < 14 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return rng.choice((
        f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y % 100:02d}", f"{d:02d}.{m:02d}.{y % 100:02d}",
        f"{y}-{m:02d}-{d:02d}", f"{d}{suffix} {MONTHS[m - 1]} {y}", f"{d} {MONTHS[m - 1][:3]} {y}",
    ))


def dob(rng: random.Random) -> str:
    """A date of birth of someone aged roughly 10 to 19."""
    return format_date(rng, *_date_parts(rng, range(2006, 2016)))


def event_date(rng: random.Random) -> str:
    """An ordinary event date (not PII), the decoy beside a date of birth."""
    if rng.random() < 0.4:
        d = rng.randrange(1, 29)
        return rng.choice((f"{d} {rng.choice(MONTHS)}", f"{d}/{rng.randrange(1, 13)}"))
    return format_date(rng, *_date_parts(rng, range(2024, 2026)))


def nhs_number(rng: random.Random) -> str:
    """A 999-prefixed (test range) NHS number with a valid mod-11 check digit."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1))) % 11
        check = 0 if check == 11 else check
        if check != 10:
            s = "".join(map(str, digits + [check]))
            return rng.choice((f"{s[:3]} {s[3:6]} {s[6:]}", s, f"{s[:3]}-{s[3:6]}-{s[6:]}"))


def nino(rng: random.Random) -> str:
    """A National Insurance number with permitted prefix letters and suffix A-D."""
    while True:
        a, b = rng.choice(string.ascii_uppercase), rng.choice(string.ascii_uppercase)
        if a not in NINO_BAD_FIRST and b not in NINO_BAD_SECOND and a + b not in NINO_BAD_PAIRS:
            break
    d = f"{rng.randrange(10 ** 6):06d}"
    tail = rng.choice("ABCD")
    return rng.choice((f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {tail}", f"{a}{b}{d}{tail}", f"{a}{b} {d} {tail}"))


def school(rng: random.Random) -> str:
    """A named school, college, academy or PRU."""
    if rng.random() < 0.2:
        return f"{rng.choice(SAINTS)} {rng.choice(('C of E Primary', 'RC High', 'Catholic College', 'Academy'))}"
    return f"{rng.choice(SCHOOL_STEMS)} {rng.choice(SCHOOL_SUFFIXES)}"


def handle(rng: random.Random) -> str:
    """A social media username (without the platform prefix)."""
    f = first_name(rng).lower()
    return rng.choice((f"{f}_x", f"{f}.{rng.randrange(1, 99)}", f"itz_{f}", f"lil.{f}", f"{f}{f[0]}{f[0]}",
                       f"x{f}x", f"{f}_{rng.choice(SURNAMES).lower()[:4]}", f"{f}.official", f"its.{f}.xo"))


def vehicle_reg(rng: random.Random) -> str:
    """A current-format UK registration (AB12 CDE), sometimes lowercase or unspaced."""
    age = rng.choice([f"{n:02d}" for n in list(range(2, 25)) + list(range(51, 75))])
    reg = f"{rng.choice(REG_LETTERS)}{rng.choice(REG_LETTERS)}{age} {''.join(rng.choice(REG_LETTERS) for _ in range(3))}"
    r = rng.random()
    return reg.replace(" ", "") if r < 0.2 else reg.lower() if r < 0.3 else reg


def passport(rng: random.Random) -> str:
    """A nine-digit UK passport number."""
    return f"{rng.randrange(1, 10)}{rng.randrange(10 ** 8):08d}"


def driving_licence(rng: random.Random) -> str:
    """A 16-character UK driving licence number built the DVLA way from a fictional name."""
    sur = (rng.choice(SURNAMES).upper().replace("'", "") + "99999")[:5]
    y, m, d = rng.randrange(2000, 2008), rng.randrange(1, 13), rng.randrange(1, 29)
    m += 50 if rng.random() < 0.5 else 0
    initials = rng.choice(string.ascii_uppercase) + rng.choice(string.ascii_uppercase + "9")
    return f"{sur}{str(y)[2]}{m:02d}{d:02d}{str(y)[3]}{initials}9{rng.choice(string.ascii_uppercase)}{rng.choice(string.ascii_uppercase)}"
