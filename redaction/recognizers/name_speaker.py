"""Names that label who speaks: "Ola 20:31: i lost my bus pass", "Sukh: can u help", "J: yo", and each
line of a handover list ("R - in, calm", "KT - out till 21:00").

Message threads exported from a work phone, interview and focus-group transcripts and chat logs put
the sender's name at the start of each line, before a colon, often with a time. No other rule sees a
name there: no verb follows it and a chat sender is often a short or unfamiliar name. A label counts
only in a note holding at least two speaker lines, and only when it is no function word, role or form
field ("Me:", "YP:", "Worker:", "Name:", "DOB:", "Action:") and no letter a transcript uses for a role
("Q:", "A:", "I:", "F:" for the facilitator, "P1:", and "R:" for the respondent where "I:" asks). An English word ("Ola" and "Kai" are in the word
tables) counts when it labels more than one line, as a speaker's name does and a heading rarely.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import LETTERED, EnglishLexicon
from redaction.recognizers.base import make_result

# At a line's start: an optional bullet, an optional [date, time] stamp, the label, an optional time, then a colon
# that is no clock ("Ola 20:31:", "[03/02, 20:31] Ola:", "J:"; not "10:30") or a spaced dash ("R - in").
# WhatsApp's exports add their own marks: "[16/05/2023, 19:33] ~ Debs:" (a sender not in the contacts),
# "16/05/2023, 19:33 - Debs:" (Android), "Jo (Youth Worker):" and "Kez 🥊:" (a role or an emoji after the name).
_SPEAKER_LINE = re.compile(
    r"^[ \t]*(?P<bullet>[-•*][ \t]+)?(?:\[[^\]\n]{1,30}\][ \t]*|\d{1,2}/\d{1,2}/\d{2,4},?[ \t]\d{1,2}:\d{2}[ \t]-[ \t])?"
    r"(?P<tilde>~[ \t\u202f]*)?"
    r"(?P<label>[A-Z][A-Za-z'’-]{0,20}(?:\.[A-Z](?![\w.]))?(?:[ \t][A-Z][A-Za-z'’-]{0,20})?|[a-z]{2,20}[ \t][a-z](?=[ \t]*:))"
    r"(?P<time>[ \t]+\(?\d{1,2}[:.]\d{2}(?:[ \t]?[ap]m)?\)?)?(?:[ \t]+\([^)\n]{1,30}\)|[ \t]+[^\w\s:]{1,3})?"
    r"(?:[ \t]*:(?!\d)|[ \t]+[-–][ \t])",
    re.MULTILINE,
)
# A web chat's young person types under a chosen lower-case username ("moonchild:", "quietone:") opposite a staff
# role ("Counsellor:"): the username names them as a handle does, when it labels two lines or is said back once.
_LOWER_LABEL = re.compile(r"^[ \t]*(?P<label>[a-z][a-z0-9_.]{1,24})[ \t]*:(?![\d/])", re.MULTILINE)
_STAFF_SPEAKER = re.compile(r"^[ \t]*(?:Counsellor|Counselor|Worker|Youth[ \t]Worker|Staff|Volunteer|Moderator|Nurse|Advisor"
                            r"|Adviser|Practitioner|Me)[ \t]*:", re.MULTILINE)
_NAMELESS = frozenset("anon anonymous unknown guest user visitor caller someone".split())  # labels that name nobody
_ROLE_LETTERS = frozenset("AIQFP")  # answer, interviewer, question, facilitator, participant
# Roles, form fields and case-system abbreviations that label a line but name nobody.
_NOT_NAMES = frozenset(
    """me yp cyp yps worker staff mum mam dad nan gran carer sw dsl gp pc pcso dc ds sgt insp oic tel mob dob
    d.o.b nhs ref re cc ps nb fyi eta upn id nino hmu fao attn attendees present outcome update note notes
    action actions plan summary subject from to date time location venue facilitator interviewer
    participant respondent youth teacher tutor officer nurse doctor manager parent police school""".split()
)
_MIN_LINES = 2
_INITIALLED = re.compile(r"[a-z]{2,20}[ \t][a-z]")  # a lower-case given name and the initial of a surname


class SpeakerLabelRecognizer(EntityRecognizer):
    """A line's speaker label is a name when the note reads as a thread or a transcript."""

    ENTITY = "PERSON"

    def __init__(
        self, lexicon: EnglishLexicon, blocked: Iterable[str], known: Iterable[str] = (), score: float | None = None
    ) -> None:
        """`blocked`: lower-cased words never taken for a name (the config's allow list and decoys);
        `known`: lower-cased given names, which count even when they are English words ("Grace:")."""
        self.lexicon = lexicon
        self.blocked = frozenset(blocked)
        self.known = frozenset(known)
        self.score = 0.9 if score is None else score  # above the NER: its equal bare guess would be filtered
        super().__init__(supported_entities=[self.ENTITY, "SOCIAL_HANDLE"], supported_language="en")

    def load(self) -> None:
        """Nothing to load: the word lists are passed in."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Every name-like label of a note with at least two speaker lines."""
        if entities and self.ENTITY not in entities and "SOCIAL_HANDLE" not in entities:
            return []
        # A bulleted label with a time is a schedule ("- Moorside 7.30: 11 YP"), not a speaker.
        lines = [m for m in _SPEAKER_LINE.finditer(text) if not (m.group("bullet") and m.group("time"))]
        handles = self._usernames(text)
        if len(lines) < _MIN_LINES:
            # one message copied from a parents' group opens with its sender ("tasha g: anyone got a calculator")
            first = lines[0] if lines and lines[0].start() == 0 and _INITIALLED.fullmatch(lines[0].group("label")) else None
            if first is None or not self._is_name(first.group("label"), False):
                return handles
            return handles + [make_result(self, self.ENTITY, first.start("label"), first.end("label"), self.score,
                                          "the sender that opens a copied message")]
        counts = Counter(m.group("label") for m in lines)
        # "I:" and "R:" in one interview are the interviewer and the respondent, not a young person called R
        roles = _ROLE_LETTERS | {"R"} if "I" in counts else _ROLE_LETTERS
        return [make_result(self, self.ENTITY, m.start("label"), m.end("label"), self.score,
                            "speaker label in a message thread or transcript")
                # "~ Shell:": WhatsApp marks a sender not in the phone's contacts, by the name they chose: a name once is enough
                for m in lines if self._is_name(m.group("label"), counts[m.group("label")] > 1 or bool(m.group("tilde")), roles)
                ] + handles

    def _usernames(self, text: str) -> list[RecognizerResult]:
        """Lower-case labels starting two or more lines of a chat with a staff speaker ("Counsellor:")."""
        if not _STAFF_SPEAKER.search(text):
            return []
        found = list(_LOWER_LABEL.finditer(text))
        # a username labels two lines, or one line and the staff speaker says it back ("Hi moonchild.")
        counts = {label: len(re.findall(r"(?<![\w@.])" + re.escape(label) + r"(?![\w])", text))
                  for label in {m.group("label") for m in found}}
        return [make_result(self, "SOCIAL_HANDLE", m.start("label"), m.end("label"), self.score,
                            "a chat's username opposite a staff speaker")
                for m in found if counts[m.group("label")] > 1 and m.group("label") not in STOP_WORDS
                and m.group("label") not in _NOT_NAMES and m.group("label") not in self.blocked
                and m.group("label") not in _NAMELESS]

    def _is_name(self, label: str, repeated: bool, roles: frozenset[str] = _ROLE_LETTERS) -> bool:
        """`repeated`: the label starts more than one line, as a speaker's does and a heading's rarely;
        `roles`: the letters this transcript uses for a role."""
        words = label.split()
        if _INITIALLED.fullmatch(label):  # "gem p:", "sophie l:": a parents' chat typed in lower case, a name and an initial
            low = words[0].rstrip("'’")
            return not (low in STOP_WORDS or low in _NOT_NAMES or low in self.blocked or low in LETTERED)  # not "plan b:"
        if len(words) == 1 and len(label) == 1:
            return label not in roles
        if len(words) == 1 and label.isupper() and len(label) <= 3:
            return label.lower() not in _NOT_NAMES and label.lower() not in self.blocked
        for word in words:
            low = word.lower().rstrip("'’")
            if len(low) < 2 or low in STOP_WORDS or low in _NOT_NAMES or low in self.blocked:
                return False
            if self.lexicon.is_word(low) and not repeated and low not in self.known:
                return False  # "Ola", "Kai" are in the word tables too: a repeated label is a speaker
        return True
