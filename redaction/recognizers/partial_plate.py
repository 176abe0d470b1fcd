"""Partial number plates written after "VRM", "reg" or "plate" ("partial VRM 'YH6'", "reg ends something like KFH")."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule


# Two letters and a digit or two, perhaps the letters after, and the "?" a note marks the unseen rest with ("KX1?").
# Dots or stars for the characters not seen ("KX19 ..FV") count as the "?" does.
# "LD 70" and "YR6-": a space after the letters, a dash for the rest unseen.
_FRAGMENT = r"(?-i:[A-HJ-PR-Y]{2}[ ]?[0-9]{1,2}(?:\s?[.*?]{0,2}[A-Z]{1,3})?)[?-]*"
# A car named before "ending 7KX": the word says a plate follows even with no "reg".
_CAR = (r"(?:car|van|motor|taxi|cab|hatchback|saloon|golf|corsa|fiesta|astra|polo|focus|clio|prius|insignia|transit"
        r"|bmw|audi|merc|mercedes|vauxhall|ford|toyota|nissan|honda|kia|seat|skoda|peugeot|renault|jeep|range\s+rover)")
_PLATE_PART = r"(?-i:(?=[A-Z0-9]*[A-Z])[A-HJ-PR-Z0-9]{2,4})"
# The same in lower case when no vowel makes it a word ("reg starts with yx", "ends kx6"; never "by", "my")
_PLATE_PART_ANY_CASE = (r"(?-i:(?=[A-Z0-9]*[A-Z])[A-HJ-PR-Z0-9]{2,4}|(?<![\w'’])(?!(?:by|my|hr|hrs)\b)(?=[a-z0-9]*[a-z])"
                        r"[b-df-hj-np-tv-z0-9]{2,4})")


class PartialPlateRecognizer(RegexGroupRecognizer):
    """Presidio's plate patterns need a whole plate or "reg" context; police notes write "VRM" and a fragment."""

    ENTITY = "VEHICLE_REG"
    RULES = (
        Rule(
            "plate fragment after VRM/reg/plate",
            r"\b(?:vrm|vrn|reg|plate|registration|partial)\b[^\w\n]{0,3}(?:(?:no|number|is|was|of|starting|starts\s+with)\b[^\w\n]{0,3})?"
            r"(?:like[ \t]+)?(?P<p>" + _FRAGMENT + r")(?!\w)",
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate", "partial"),
        ),
        Rule(
            "plate fragment recorded 'as' later in the sentence",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^.\n]{0,40}?\b(?:as|was)\s+['‘\"]?(?P<p>" + _FRAGMENT + r")(?!\w)",
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(
            "plate end/start after 'reg ends/starts'",
            r"\b(?:vrm|vrn|reg|plate|registration|number\s+plate)\b(?:[^.\n]|\.{2,3}){0,60}?\b(?:ends?|ending|ended|starts?|starting"
            r"|started|begins?|beginning)\b[^.\n]{0,25}?(?:\.{2,3}\s?)?(?P<p>" + _PLATE_PART_ANY_CASE + r")(?![\w-])",
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(
            "whole plate spaced out after VRM/reg/plate",  # "reg YK 65 XWB"
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^\w\n]{0,3}(?:(?:no|number|is|was)\b[^\w\n]{0,3})?"
            r"(?P<p>(?-i:[A-HJ-PR-Y]{2}\s[0-9]{2}\s[A-Z]{3}|(?!(?:on|in|at|by|to|of|or|no|up|as|is)\s)[a-hj-pr-y]{2}\s[0-9]{2}\s"
            r"(?!jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]{3}))(?!\w)",  # "reg bk 19 fho"
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(  # "reg no. y123 abc", "number plate W 123 ABC": an older (prefix) plate in one case, spaced or not
            "prefix plate after VRM/reg/plate",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^\w\n]{0,3}(?:(?:no|number|is|was)\b[^\w\n]{0,3})?"
            r"(?P<p>(?-i:[A-HJ-NPR-TV-Y][ ]?[0-9]{1,3}[ ]?[A-HJ-PR-Y][A-HJ-PR-Z]{2}|[a-hj-npr-tv-y][ ]?[0-9]{1,3}[ ]?[a-hj-pr-y][a-hj-pr-z]{2}))(?!\w)",
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(  # "reg: H J 7 0 then something L", "reg B M 6 5 something": a plate read out one character at a time
            "plate spelled out a character at a time",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^\w\n]{0,3}(?:(?:no|number|is|was)\b[^\w\n]{0,3})?"
            r"(?P<p>(?-i:[A-HJ-PR-Y] [A-HJ-PR-Y] [0-9](?: [0-9])?(?: [A-HJ-PR-Z]){0,3}))(?![\w-])",
            0.6, "p", needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(  # "reg had KLT at the end", "the plate had RZY in it", "plate has LX something": the letters seen
            "plate letters the reg 'had'",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[ \t]+(?:had|has|with)[ \t]+['‘\"]?"
            r"(?P<p>(?-i:(?=[A-Z0-9]*[A-Z])[A-HJ-PR-Z0-9]{2,4}))['’\"]?[ \t]+"
            r"(?:at[ \t]+the[ \t]+(?:end|start|front|beginning|back)|in[ \t]+it|something)\b",
            0.6, "p", needs=(" had ", " has ", " with "),
        ),
        Rule(  # "its like yx19 something", "like yk 19 or something": a lower-case plate's start before "something"
            "lower-case plate start before 'something'",
            r"(?<![\w.])(?P<p>(?-i:[a-hj-pr-y]{2}[ ]?[0-9]{1,2}))[ \t]+(?:or[ \t]+)?(?:something|summat|sumthin)\b",
            0.6, "p", needs=("something", "summat", "sumthin"),
        ),
        Rule(  # "Partial VRM '?L68 ?VO'": the first character unseen
            "plate with its first character unseen",
            r"(?<![\w.*?])(?P<p>[?*][A-HJ-PR-Y]?(?-i:[A-HJ-PR-Y][0-9]{2})(?:\s?[?*]{0,2}(?-i:[A-Z]{1,3}))?)(?![\w*?])",
            0.6, "p", needs=("?", "*"),
        ),
        Rule(  # "Range Rover R4 NKO", "a Golf W123 ABC": an older or personal plate straight after the car
            "older plate after a car",
            r"(?<![\w-])(?P<p>(?-i:[A-HJ-NPR-TV-Y][0-9]{1,3}[ ]?(?!VRM|VRN|REG)[A-HJ-PR-Y][A-HJ-PR-Z]{2}))(?![\w-])",
            0.6, "p",
            before=r"\b" + _CAR + r"\b(?:[ \t]+(?-i:[A-Z][a-z]+|[A-Z0-9]{1,3}))?[ \t]+$",
        ),
        Rule(
            "plate end after 'starts with X and ends'",
            r"\b(?:starts?|starting|begins?|beginning)\b[^.\n]{0,25}?\band\s+(?:ends?|ending)\b"
            r"[^.\n]{0,12}?(?P<p>(?-i:(?=[A-Z0-9]*[A-Z])[A-HJ-PR-Z0-9]{2,4}))(?![\w-])",
            0.6,
            "p",
            needs=("end",),
        ),
        Rule(  # "BK19 something, maybe VXP": the letters a witness half remembers after the plate's start
            "plate letters after 'something'",
            r"(?-i:[A-HJ-PR-Y]{2}[0-9]{2})\s+(?:something|summat|sumthin)\b[^\w\n]{0,3}(?:(?:maybe|possibly|like|then|or)\s+)?"
            r"['‘\"]?(?P<p>(?-i:[A-Z]{3}))(?![\w-])",
            0.6,
            "p",
            needs=("something", "summat", "sumthin"),
        ),
        Rule(  # "partial reg YK..", "reg partly seen: 'MX' something": the letters of a plate's start, the rest unseen
            "plate letters, the rest unseen",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^.\n]{0,25}?(?<![\w.])['‘\"]?"
            r"(?P<p>(?-i:[A-HJ-PR-Y]{2})(?:(?=['’\"]\s+something)|\.\.|\?\?|\*\*))(?![\w.?*])",
            0.6,
            "p",
            needs=("vrm", "vrn", "reg", "plate"),
        ),
        Rule(  # "reg something like 'LJ69 OWN' maybe OWM": the other ending a witness offers
            "plate's other ending after 'maybe'",
            r"(?-i:[A-HJ-PR-Y]{2}[0-9]{2}\s?[A-Z]{3})['’\"]?,?\s+(?:maybe|or|possibly|might\s+be|could\s+be)\s+['‘\"]?"
            r"(?P<p>(?-i:[A-Z]{3}))(?![\w-])",
            0.6, "p", needs=("maybe", " or ", "possibly", "be "),
        ),
        Rule(  # "a white van (LS14 partial, rest not seen)"
            "plate fragment + partial",
            r"(?<![\w.])(?P<p>" + _FRAGMENT + r")[ \t,]+(?:partial|part)\b",
            0.6,
            "p",
            needs=("part",),
        ),
        Rule(  # "KX19 ..FV", "BD51 S*R", "EF6_ _KZ": a plate with its unseen characters marked needs no cue word
            "plate with unseen characters marked",
            r"(?<![\w.*?])(?P<p>(?-i:[A-HJ-PR-Y]{2}[0-9]{1,2}(?:\s?[.*?_](?:[ .*?_]{0,3})(?:[A-Z]{2}|(?![AI]\b)[A-Z])"
            r"|\s?[A-Z][.*?_]{1,2}[A-Z]?"
            r"|\s?[A-Z]{2}[.*?_])))(?![\w*?])",
            0.6,
            "p",
        ),
        Rule(  # "a black golf ending 7KX", "silver van, starts with LK": a car, then the part of its plate seen
            "plate part after a car",
            r"\b" + _CAR + r"\b[^.\n]{0,30}?\b(?:ending|ends?\s+(?:in|with)|starting|starts?\s+with|begins?\s+with)[ \t]+['‘\"]?"
            r"(?P<p>" + _PLATE_PART + r")(?![\w-])",
            0.6, "p", needs=("end", "start", "begin"),
        ),
        Rule(  # "mum only got the last letters - KLO", "first three letters were LK6"
            "plate's first or last letters",
            r"\b(?:last|first|end|start)[ \t]+(?:(?:few|two|three|four|2|3|4)[ \t]+)?(?:letters|digits|characters|bit)\b"
            r"[^\w\n]{0,4}(?:(?:were|was|is|are|as)[ \t]+)?['‘\"]?(?P<p>" + _PLATE_PART + r")(?![\w-])",
            0.6, "p", needs=("letters", "digits", "characters", "bit"),
        ),
        Rule(  # "one gave a partial reg, 'something SMR'": the letters remembered after "something"
            "plate letters after 'reg ... something'",
            r"\b(?:vrm|vrn|reg|plate|registration)\b[^.\n]{0,25}?\b(?:something|summat|sumthin)[ \t]+(?:like[ \t]+)?['‘\"]?"
            r"(?P<p>(?-i:[A-Z]{3}|[A-HJ-PR-Y]{2}[0-9]{2}))(?![\w-])",
            0.6, "p", needs=("something", "summat", "sumthin"),
        ),
        Rule(  # "BD 51SMR", "BD51SMR": a whole current plate spaced oddly (the installed recognizer wants "BD51 SMR")
            "whole plate spaced oddly",
            r"(?<![\w-])(?P<p>(?-i:[A-HJ-PR-Y]{2}[ ]?(?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9])[ ]?[A-HJ-PR-Z]{3}))(?![\w-])",
            0.6, "p",
        ),
        Rule(  # "taxi plate 417": a licensed cab's plate number names its driver
            "taxi licence plate number",
            r"\b(?:taxi|private[ \t]+hire|hackney(?:[ \t]+carriage)?|phv)[ \t]+(?:plate|badge|licence|license)[ \t]*"
            r"(?:no\.?|number|#)?[ \t]*(?P<p>\d{2,5})\b",
            0.6, "p", needs=("taxi", "hire", "hackney", "phv"),
        ),
        Rule(
            "private plate",
            r"\b(?:private|personalised|personalized|personal|cherished)\s+(?:reg|plate|number\s+plate|registration)\b"
            r"[^\w\n]{0,3}(?:(?:is|was|of|reads?)\b[^\w\n]{0,3})?"
            r"(?P<p>(?-i:(?=[A-Z0-9 ]*[0-9])(?=[A-Z0-9 ]*[A-Z])[A-Z0-9]{1,4}\s?[A-Z0-9]{1,3}))(?![\w-])",
            0.6,
            "p",
            needs=("plate", "reg"),
        ),
    )
