"""Identifiers said aloud and written down by speech-to-text: "oh seven seven double oh nine ...",
"jay underscore dee zero seven", "b d five one s m r".

Voice notes and phone messages reach the service as machine transcripts, which spell out what a
person typing would write with digits and symbols. Read aloud, a phone number is a run of number
words (with "double", "treble" and "hundred"), a handle is words joined by "dot" or "underscore",
and a plate is letters and numbers said one by one. Each is judged by what it spells: ten or eleven
digits starting 0 for a phone; an underscore, or a dot with a handle word nearby and no web ending,
for a handle; the shape of a current plate for a plate.
"""
from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from redaction.recognizers.base import make_result

_DIGITS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
           "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_REPEAT = {"double": 2, "treble": 3, "triple": 3}
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_GAP = re.compile(r"[\s,\-]*")
_WEB_ENDINGS = frozenset("com uk org net co gov ac io".split())
_HANDLE_CUE = re.compile(
    r"\b(?:insta(?:gram)?|snap\s?chat|snap|tick\s?tock|tik\s?tok|twitter|account|handle|user\s?name|page|called|add\s+me)\b",
    re.IGNORECASE,
)
_JOINERS = frozenset({"dot", "underscore"})
# Cheap regex gates (the scan runs in C): six number words in a row, a joiner word, seven single characters.
_PHONE_GATE = re.compile(
    r"(?:\b(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|treble|triple|hundred|\d)\b[\s,\-]*){6}",
    re.IGNORECASE)
_HANDLE_GATE = re.compile(r"\b(?:dot|underscore)\b", re.IGNORECASE)
_PLATE_GATE = re.compile(r"\b[a-z][\s,\-]+[a-z][\s,\-]+\w+[\s,\-]+\w+[\s,\-]+[a-z][\s,\-]+[a-z][\s,\-]+[a-z]\b",
                         re.IGNORECASE)
# Letters as said ("zed kay"): a handle's first part may be spelled letter by letter.
_LETTER_NAMES = frozenset("bee cee dee ee ef gee aitch jay kay el em en pee ar es tee vee ex zed zee".split())


class SpokenIdentifierRecognizer(EntityRecognizer):
    """Phone numbers, handles and plates spelled out in words."""

    def __init__(self, score: float | None = None) -> None:
        self.score = 0.7 if score is None else score
        super().__init__(supported_entities=["PHONE_NUMBER", "SOCIAL_HANDLE", "VEHICLE_REG"], supported_language="en")

    def load(self) -> None:
        """Nothing to load: the word lists are here."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every spoken phone number, handle and plate in the text."""
        low = text.lower()
        phones = ("oh " in low or "zero " in low or "nought " in low or " o " in low) and _PHONE_GATE.search(text)
        handles = ("dot" in low or "underscore" in low) and _HANDLE_GATE.search(text)
        plates = _PLATE_GATE.search(text)
        if not (phones or handles or plates):
            return []  # most notes: nothing said aloud, and no token walk
        tokens = list(_TOKEN.finditer(text))
        found = ((self._phones(text, tokens) if phones else []) + (self._handles(text, tokens) if handles else [])
                 + (self._plates(text, tokens) if plates else []))
        return [make_result(self, kind, start, end, self.score, why) for kind, start, end, why in found
                if not entities or kind in entities]

    @staticmethod
    def _adjacent(text: str, left: re.Match, right: re.Match) -> bool:
        return _GAP.fullmatch(text, left.end(), right.start()) is not None

    def _phones(self, text: str, tokens: list[re.Match]) -> list[tuple[str, int, int, str]]:
        out, i = [], 0
        while i < len(tokens):
            digits, j = "", i
            while j < len(tokens) and (j == i or self._adjacent(text, tokens[j - 1], tokens[j])):
                word = tokens[j].group(0).lower()
                if word in _DIGITS:
                    digits += _DIGITS[word]
                elif word.isdigit():
                    digits += word
                elif word in _REPEAT and j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in _DIGITS:
                    digits += _DIGITS[tokens[j + 1].group(0).lower()] * _REPEAT[word]
                    j += 1
                elif word == "hundred" and digits:
                    digits += "00"
                else:
                    break
                j += 1
            spoken = any(not tokens[k].group(0).isdigit() for k in range(i, j))
            if spoken and 10 <= len(digits) <= 11 and digits[0] == "0" and digits[1] in "1237":
                out.append(("PHONE_NUMBER", tokens[i].start(), tokens[j - 1].end(), "phone number said aloud"))
                i = j
            else:
                i = max(j, i + 1)
        return out

    def _handles(self, text: str, tokens: list[re.Match]) -> list[tuple[str, int, int, str]]:
        out, i = [], 0
        while i < len(tokens):
            if tokens[i].group(0).lower() not in _JOINERS or i == 0:
                i += 1
                continue
            start = i - 1
            while start > 0 and tokens[start - 1].group(0).lower() in _LETTER_NAMES \
                    and self._adjacent(text, tokens[start - 1], tokens[start]):
                start -= 1  # "zed kay underscore one six"
            j, joiners = i, []
            while j + 1 < len(tokens) and tokens[j].group(0).lower() in _JOINERS:
                joiners.append(tokens[j].group(0).lower())
                j += 1  # the part after the joiner, then any digits said after it
                while j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in _DIGITS \
                        and self._adjacent(text, tokens[j], tokens[j + 1]):
                    j += 1
                if j + 1 < len(tokens) and tokens[j + 1].group(0).lower() in _JOINERS:
                    j += 1
                else:
                    break
            last = tokens[j].group(0).lower()
            cue = _HANDLE_CUE.search(text, max(0, tokens[start].start() - 60), tokens[start].start())
            if last not in _WEB_ENDINGS and ("underscore" in joiners or cue is not None):
                out.append(("SOCIAL_HANDLE", tokens[start].start(), tokens[j].end(), "handle said aloud"))
            i = j + 1
        return out

    def _plates(self, text: str, tokens: list[re.Match]) -> list[tuple[str, int, int, str]]:
        """Two letters, two numbers, three letters, said one by one ("b d five one s m r")."""
        out = []
        for i in range(len(tokens) - 6):
            window = tokens[i:i + 7]
            if not all(self._adjacent(text, a, b) for a, b in zip(window, window[1:])):
                continue
            words = [t.group(0).lower() for t in window]
            letters = [w for k, w in enumerate(words) if k in (0, 1, 4, 5, 6)]
            numbers = words[2:4]
            if all(len(w) == 1 and w.isalpha() for w in letters) and all(w in _DIGITS or (w.isdigit() and len(w) == 1)
                                                                         for w in numbers):
                out.append(("VEHICLE_REG", window[0].start(), window[-1].end(), "plate said aloud"))
        return out
