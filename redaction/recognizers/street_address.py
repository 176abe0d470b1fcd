"""Home addresses: house/flat number + street, named blocks, and "lives at/on" streets."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.recognizers.base import RegexGroupRecognizer, Rule

# Not "estate": "lives on the Hollins estate" names an area the partnership needs kept, not a home.
SUFFIX = (
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|court|ct|place|pl|grove|"
    r"gardens|gdns|terrace|tce|walk|row|hill|view|mews|rise|square|sq|parade|fold|garth|vale|green|chase|"
    r"meadows?|croft|approach|mount|bank|brow|wynd|gate|yard|cottages|esplanade|promenade)\b"
)
_WORDS = r"(?:[A-Za-z][\w'’-]*\s+){1,3}"
# A street's own name words, never a function word ("at dean's on kestrel close": not "dean's on").
_NAME_WORDS = r"(?:(?!(?:on|at|in|to|of|and|the|by|from|near)\b)[A-Za-z][\w'’-]*\s+){1,2}"
# "no. 7 Gorse Lane", "No.9 Hazel Walk": the house's "number" goes with it; "3/2, 14 Craigpark Drive": a Scottish
# tenement flat's floor and door come first. Read back from a found address (a regex starting here would be tried
# at every letter n).
_NO_BEFORE = re.compile(r"(?:\b(?:no\.?|number)[ \t]?|(?<![/\d])\d{1,2}/\d{1,2},?[ \t]+)(?:number[ \t]+)?$", re.IGNORECASE)
# The street named before its number ("kestrel close no 14"), read back from the number.
_STREET_BEFORE = re.compile(r"(?<![\w'’-])" + _NAME_WORDS + SUFFIX + r",?\s+$", re.IGNORECASE)
# A street's name and type ("Victoria St"); the postcode recognizer reads what follows one too.
STREET = _WORDS + SUFFIX
# "88 Dudley Rd East": a compass word after the street type is part of the street's name.
_COMPASS = r"(?:\s+(?-i:East|West|North|South)\b)?"
_BLOCK = r"(?:house|court|tower|point|lodge|heights|mansions|block|building|buildings|hall|view|place|towers|foyer|ymca)\b"
_HOME = r"(?:lives|living|live|stays|staying|moved|moving|address\s+is|address:|house\s+is|home\s+is|resides)"
_EXTRA_STOP = frozenset({"lads", "girls", "boys", "kids", "people", "mins", "minutes", "times", "days", "weeks", "years", "of",
                         "min", "minute", "hour", "hours", "year", "old", "mile", "miles", "took", "step", "steps"})
_WORD = re.compile(r"(?<!\w)[A-Za-z][\w'’-]*")
_HOME_TALK = re.compile(r"\b(?:neighbou?rs?|next\s+door|door|lives|living|address|house|flat|road|street|close"
                        r"|avenue|caller)\b", re.IGNORECASE)
_LIVES = re.compile(r"\b(?:lives|living|live|stays|staying|moved|moving|move|address|resident|residents|hostel|placed|placement"
                    r"|accommodation|tenancy)\b",
                    re.IGNORECASE)
_THE_STREET = re.compile(r"\d{1,4}[a-z]?,?\s+The\s")
# One to three capitalised words on one line: a street's name when a form's field or a postcode says it is one.
_CAPITALISED_WORDS = r"(?-i:[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*){0,2})"


class StreetAddressRecognizer(RegexGroupRecognizer):
    """A street named with a number or a home verb is an address; a bare street is a place (kept)."""

    ENTITY = "STREET_ADDRESS"
    RULES = (
        Rule("house number + street", r"\b(?P<a>\d{1,4}[a-z]?(?:\s?-\s?\d{1,4})?,?\s+" + STREET + _COMPASS + r")",
             0.8, "a"),
        Rule(  # "kestrel close no 14", "larch grove, no 12", "no. 7 on Heron Way": the number after the street
            "street + its house number",
            r"\b(?P<a>(?:no\.?|number)\s?\d{1,4}[a-z]?(?:\s+on\s+" + _NAME_WORDS + SUFFIX + r")?)(?!\w)",
            0.8, "a", needs=("no", "number"),
        ),
        Rule(  # "9 Heol y Nant", "5 Maes yr Haf": a Welsh street word comes first
            "house number + Welsh street",
            r"\b(?P<a>\d{1,4}[a-z]?,?\s+(?-i:(?:Heol|Ffordd|Stryd|Maes|Lôn|Lon|Clos|Rhodfa|Teras|Cwrt|Parc)"
            r"(?:\s+(?:y|yr|[A-Z][\w'’-]*)){1,3}))(?![\w'’-])",
            0.8, "a",
        ),
        Rule(  # "203 Kingsway", "56 Esplanade": a street named in one word
            "house number + one-word street",
            r"\b(?P<a>\d{1,4}[a-z]?\s+(?-i:[A-Z][a-z]+(?:way|gate)|Esplanade|Promenade|Broadway|Parade))\b"
            r"(?!\s+(?-i:[A-Z])|\s+(?:bus|buses|tram|trams|train|trains)\b)",
            0.75, "a",
        ),
        # "5 The Crescent", "12 The Green": a street named by its type alone, with a capital "The".
        Rule("house number + The + street type", r"\b(?P<a>\d{1,4}[a-z]?,?\s+(?-i:The)\s+(?-i:[A-Z])" + SUFFIX + r")",
             0.8, "a"),
        Rule(
            "flat + named block (+ street)",
            r"\b(?P<a>(?:flat|apartment|apt|unit)\s*\d{1,4}[a-z]?,?\s+" + _WORDS + _BLOCK
            + r"(?:,\s*(?:" + STREET + r"|(?-i:[A-Z][\w'’-]+\s+Estate)\b))?)",  # "..., Ravensworth Estate": part of the address
            0.85,
            "a",
        ),
        Rule(
            "flat + house number + street",
            r"\b(?P<a>(?:flat|apartment|apt|unit|room)\s*\d{1,4}[a-z]?,?\s+\d{1,4}[a-z]?,?\s+" + STREET + _COMPASS + r")",
            0.85,
            "a",
        ),
        Rule(  # "Larkfield House, 9 Ashby Road": a named home or block before its street address
            "named block + house number + street",
            r"(?<![\w'’-])(?P<a>(?-i:(?:[A-Z][\w'’-]*\s+){1,3})" + _BLOCK + r",?\s+\d{1,4}[a-z]?,?\s+" + STREET + _COMPASS + r")",
            0.85,
            "a",
        ),
        Rule(  # "3 Beckett House", "22 Calloway House, Ardwick Lane": a house number on a named block
            "house number + named block",
            r"\b(?P<a>\d{1,4}[a-z]?,?\s+(?:in\s+)?(?-i:(?:[A-Z][\w'’-]*\s+){1,2}(?:House|Tower|Towers|Lodge|Heights|Mansions|Point))"
            r"(?:,\s*" + STREET + r")?)\b",
            0.8, "a",
        ),
        Rule(  # "Lives at the Ravensworth House hostel, room 6", "St Mary's YMCA, room 14": a room in a named block
            "named block + room or flat",
            r"(?<![\w'’-])(?P<a>(?-i:(?:[A-Z][\w'’-]*[ \t]+){1,3})" + _BLOCK + r"(?:[ \t]+hostel)?,?[ \t]+(?:room|flat|unit)[ \t]*"
            r"\d{1,4}[a-z]?)\b",
            0.85, "a", needs=("room", "flat", "unit"),
        ),
        Rule(  # "Address: 6 Poppy Fields, Marlbridge", "gave an address at 19 Canal Side": an address field or phrase
            "address field + house number + name",
            r"\baddress(?:[ \t]*[:\-]|[ \t]+(?:is|at|of|as|was|given[ \t]+as)(?:[ \t]*:)?)[ \t]*(?P<a>\d{1,4}[a-z]?,?[ \t]+"
            + _CAPITALISED_WORDS + r")(?![\w'’-])",
            0.8, "a", needs=("address",),
        ),
        Rule(  # "stayed at 19 Canal Side, Ormley OR3 4GE": a town and postcode after it make it an address
            "house number + name before town and postcode",
            r"\b(?P<a>\d{1,4}[a-z]?,?[ \t]+" + _CAPITALISED_WORDS + r")(?=,[ \t]*(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),?[ \t]+"
            r"(?-i:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})\b)",
            0.8, "a",
        ),
        Rule(  # "her flat at Beaumont House, Wenham, WN5 2JA": a named block before a town and a full postcode
            "named block before town and postcode",
            r"(?<![\w'’-])(?P<a>(?-i:(?:[A-Z][\w'’-]*[ \t]+){1,3})" + _BLOCK + r")(?=,[ \t]*(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?),?[ \t]+"
            r"(?-i:[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})\b)",
            0.8, "a",
        ),
        Rule(  # "the children next door at no. 24", "Lola from number 6 is back": a neighbour's house by its number
            "at/from house number",
            r"\b(?:at|from|next\s+door\s+to)\s+(?P<a>(?:no\.?|number)\s?\d{1,3}[a-z]?)\b"
            r"(?!\s*(?:%|in\b|on\b|of\b|bus\b|to\b|-\s*\d|,\s*\d))",
            0.7, "a", needs=("no", "number"),
        ),
        Rule("flat number", r"\b(?P<a>(?:flat|apartment|apt)\s*\d{1,4}[a-z]?(?:,?\s+block\s+[A-Z0-9]\b)?)\b", 0.7, "a"),
        Rule("house number in brackets", r"\((?P<a>(?:no\.?|number)\s?\d{1,4}[a-z]?)(?:\)|,)", 0.6, "a",
             needs=("(no", "(number")),  # "neighbour Mrs Hartley (no. 43)"
        Rule("home verb + street", r"\b" + _HOME + r"\s+(?:at|on|in|to|:)?\s*(?:the\s+)?(?P<a>" + STREET + r")", 0.7, "a"),
    )
    CONTEXT = ("lives", "address", "house", "home", "flat")

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """A bare "number 6" is a house only in a note about homes ("came in at number 3" is not); "no 14" takes
        the street written before it; "no. 7 Gorse Lane" and "3/2, 14 Craigpark Drive" take what precedes the number."""
        name = rule.name if rule is not None else ""
        if name == "at/from house number" and not _HOME_TALK.search(text):
            return None
        if name == "named block + room or flat" and not _LIVES.search(text):
            return None  # "met in the Council House, room 4": a room in a public building is no one's home
        if name == "street + its house number" and " on " not in text[start:end].lower():
            street = _STREET_BEFORE.search(text, max(0, start - 60), start)
            if street is None:
                return None  # a bare "no 14" says nothing; "kestrel close no 14" does
            start = street.start()
        elif name in ("house number + street", "house number + named block"):
            prefix = _NO_BEFORE.search(text, max(0, start - 12), start)
            start = prefix.start() if prefix else start
        return super().refine(text, start, end, rule)

    def validate(self, text: str, start: int, end: int) -> bool:
        """The street's name words must not be function words ("5 lads down the road")."""
        words = [w.lower() for w in _WORD.findall(text[start:end])]
        words = [w for w in words if w not in {"flat", "apartment", "apt", "unit", "room"}]
        if words and words[0] in ("no", "number"):
            words = words[1:]  # "no. 7 Gorse Lane"
            if words and words[0] in ("on", "in"):
                words = words[1:]  # "no. 7 on Heron Way", "number 9 in Alder House"
        if words and words[-1] in ("no", "number"):
            words = words[:-1]  # "kestrel close no 14": the street's words, then its number
        words = words[:-1]
        if _THE_STREET.match(text, start, end):
            words = words[1:]  # "5 The Crescent": the street's own name
        return not any(w in STOP_WORDS or w in _EXTRA_STOP for w in words)
