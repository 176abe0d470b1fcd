"""Public places (kept, recorded as PUBLIC_PLACE) and other decoys that are not PII.

Places are a core theme, so a redactor that removes "Greggs" or "Hollins Park" loses the
evidence partnerships need. These makers produce the names the `keep` spans record.
"""
from __future__ import annotations

import random

from corpora_synthetic.values import STREET_STEMS, street

PLACE_STEMS = ("Hollins", "Victoria", "Ravensmoor", "Kirkdale", "Castlebrook", "Millbank", "Fernhill",
               "Riverside", "Jubilee", "Stonebridge", "Moorside", "Greystones", "Ashworth", "Queens",
               "Albion", "Copperfield", "Larkspur", "Whitecross", "Oakwood", "Canal Basin")
CHAINS = ("McDonald's", "Tesco", "Greggs", "KFC", "Primark", "the Co-op", "Aldi", "Lidl", "Subway", "Costa",
          "Asda", "Morrisons", "Sainsbury's", "JD Sports", "Home Bargains", "B&M", "Poundland", "Nando's",
          "Tesco Express", "Burger King", "Iceland", "Boots")
SERVICES = ("CAMHS", "MASH", "the YOT", "Early Help", "social care", "the school nurse", "Kooth", "Childline",
            "the GP", "the sexual health clinic", "the drug and alcohol team", "the youth offending team")
APPS = ("Snapchat", "Instagram", "TikTok", "WhatsApp", "Discord", "Telegram", "Roblox", "Fortnite", "Xbox Live")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES = ("after school", "about 9pm", "late evening", "around 6", "gone 11", "at lunchtime", "straight after tea",
         "in the early hours", "about half 7", "on the way home")


def park(rng: random.Random) -> str:
    """A named park or green space."""
    return f"{rng.choice(PLACE_STEMS)} {rng.choice(('Park', 'Rec', 'Fields', 'Playing Fields', 'Woods', 'Common'))}"


def station(rng: random.Random) -> str:
    """A named station, interchange or stop."""
    return rng.choice((f"{rng.choice(PLACE_STEMS)} station", f"{rng.choice(PLACE_STEMS)} Interchange",
                       f"{rng.choice(PLACE_STEMS)} bus station", f"{rng.choice(STREET_STEMS)} Road tram stop"))


def centre(rng: random.Random) -> str:
    """A named shopping centre, retail park or leisure centre."""
    stem = rng.choice(PLACE_STEMS)
    return rng.choice((f"{stem} Shopping Centre", f"the {stem} Centre", f"{stem} Retail Park",
                       f"{stem} Leisure Centre", f"{stem} Library", f"{stem} Market"))


def shop(rng: random.Random) -> str:
    """A chain shop or takeaway."""
    return rng.choice(CHAINS)


def estate(rng: random.Random) -> str:
    """A named estate or housing area, referred to as a place."""
    return f"the {rng.choice(PLACE_STEMS)} {rng.choice(('estate', 'flats', 'Estate'))}"


def any_place(rng: random.Random) -> str:
    """One public place of any kind."""
    return rng.choice((park, station, centre, shop, street, estate))(rng)
