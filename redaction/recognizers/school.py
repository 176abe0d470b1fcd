"""Named schools, colleges and academies (a school narrows a young person down to a year group).

Works without any local list: "X High", "X Academy", "X Primary", "St X's" in any case, and a bare
name where only a school can stand ("excluded from X", "Y9 X", "DSL at X", "school (X)"). The
deployment's own list of schools and their short forms is matched separately (redaction/gazetteer.py).
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule, opens_sentence

_STRONG = (
    r"(?:(?:primary|secondary|high|grammar|junior|infants?|free|church|c\s?of\s?e|ce|catholic|community)\s+school"
    r"|school|academy|college|university|(?-i:Uni)|sixth\s+form(?:\s+college)?|pupil\s+referral\s+unit|pru|learning\s+centre|nursery"
    r"|pupil\s+support\s+centre|skills\s+centre|(?-i:Boys|Girls)(?=['’](?!\w))"
    r"|alternative\s+provision"
    r"|(?:c\.?\s?of\s?e\.?|ce|rc|catholic)\s+(?:primary|junior|infants?|high)(?:\s+school)?"
    r"|(?:community|catholic|church|free|sixth\s+form|technical|city)\s+(?:college|school|academy))"
)
_GENERIC = frozenset(
    """new old local secondary primary special main big little nearby current previous last next same other
    different boarding state private driving summer sunday forest night holiday home after before football dance
    drama music boxing art film this that whole entire mainstream alternative go goes went going attend attends
    attended attending start starts started leave left leaving excluded expelled moved transferred back year
    sixth high grammar junior infant infants free church community catholic pupil referral unit form""".split()
)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*|&")
# Words that open a school's name before "of" ("City of Bristol College", "Duke of York's Royal Military School").
_OF_HEADS = frozenset("City Prince Princess Duke Duchess Bishop Queen King Isle Vale Borough County Port".split())
_PRECEDING = re.compile(r"(?:(?:[A-Za-z][\w'’.-]*|&)[ \t]+){1,4}$")
_NOT_STREET = r"(?!\s+(?i:street|st|road|rd|lane|level|school))"
_LOWER_CONTEXT = re.compile(
    r"\b(?:to|at|from|attends?|attended|attending|in|is|by|near|behind|outside|opposite)\s+(?:the\s+)?$|\bschool\s*[(,]\s*$",
    re.IGNORECASE
)
# "St Anne's" is a school unless a word after it says church, hospital, road, ...
_NOT_SAINT_SCHOOL = (
    r"(?!\s+(?i:church|hospital|hospice|road|rd|street|st|lane|avenue|square|park|way|close|place|centre|hall"
    r"|court|walk|gardens|crescent|chapel|cathedral|well|green|surgery|medical|health|ward|unit|stadium|ground"
    r"|market|bridge|gate|school|academy"
    r"|college|high|primary|(?:c\s?of\s?e|rc|catholic)\s+(?:primary|junior|infants?|high|school|academy|college))\b)"
)
_SAINT = r"(?:St\.?|Saint)\s+[A-Z][a-z]+(?:['’]s|s)"
# Church schools named by their dedication, not a saint: "Holy Trinity", "Sacred Heart", "Our Lady of Lourdes".
_DEDICATION = (r"(?:holy\s+(?:trinity|family|cross|rosary|redeemer)|sacred\s+heart|corpus\s+christi"
               r"|christ\s+the\s+king|blessed\s+sacrament|our\s+lady(?:['’]s)?(?:\s+of\s+(?:the\s+)?[a-z]+|\s+(?:queen\s+of\s+)?[a-z]+)?)")
# Title-case name words after a phrase where only a school can stand.
_NAME_AFTER = (r"(?P<s>(?-i:the\s+[A-Z][a-z]{2,}(?![\w'’-])|(?:St\.?\s+)?[A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z][a-z][\w'’-]*|&)){0,3}"
               r"|[a-z][a-z'’]{2,}(?![\w'’-])))")
# The words a PRU, nursery or provision is named after ("the PRU (Thornton Centre)", "Nursery (Sunbeams, ...)").
_PROVISION = r"(?:pru|nursery|pupil\s+referral\s+unit|alternative\s+provision)"
_SCHOOL_SLOT = (
    r"(?:\b(?:excluded|expelled|exclusion)\s+from\s+"
    r"|\b(?:y|yr|year)\s?(?:[1-9]|1[0-3])(?:\s+(?:at\s+)?|,\s*)"
    r"|\b(?:pupils?|students?|(?:y|yr|year)\s?(?:[1-9]|1[0-3])s|(?:a|one)\s+(?:y|yr|year)\s?(?:[1-9]|1[0-3]))\s+(?:from|at)\s+"
    r"|\b(?:on\s+roll|enrolled|(?:pru|school|college|provision|ap)\s+place(?:\s+confirmed)?)\s+at\s+"
    r"|\b(?:dsl|senco|sendco|head\s?teacher|head\s+of\s+year|form\s+tutor|teachers?|pastoral\s+team"
    r"|attendance\s+officer)"
    r"\s+(?:at|from)\s+"
    r"|\b(?:attends|attending|attendance\s+at|managed\s+move\s+to)\s+"
    r"|\b(?:school|" + _PROVISION + r")\s*[(,]\s*"
    r"|\(\s*(?:dt|dsl|senco|sendco|hoy|head\s+of\s+year|form\s+tutor|class\s+teacher)\s*,\s*"  # "Mrs Khan (DT, Marsh Lane)"
    r"|\b(?:dsl|senco|sendco|head\s?teacher|head\s+of\s+year|form\s+tutor|attendance\s+officer)\s+"
    r"(?:mr|mrs|ms|miss|dr)\.?\s+[A-Za-z'’-]+\s*\(\s*)"  # "DSL Mrs Ahmed (Oldbury Park)"
)
# A name ending in one of these is another kind of place ("attending Harcourt Crown Court").
_OTHER_PLACE = frozenset(
    """court courts magistrates hospital infirmary general clinic surgery station police custody prison road
    street church mosque centre""".split()
)
# "Y9, the Park": words that after "the" name an ordinary place, not a school.
_GENERIC_PLACES = _OTHER_PLACE | frozenset(
    """park parks shops shop rec club library gym estate town city square precinct pitch pitches field fields garage
    market cinema bus train canal river woods beach youth unit base hub office offices""".split()
)
# A school named just before "(she calls it 'Ozzies')": the nickname is the school's.
_SCHOOL_BEFORE = re.compile(r"(?i:school|academy|college|primary|high|C\s?of\s?E|PRU)\b[^.\n]*$")
# A verb form opening a sentence ends the run of name words before a school keyword ("Phoned Oakfield High").
_SENTENCE_ENDS = frozenset(".!?:\n")
_PRU_BEFORE = re.compile(r"\b" + _PROVISION + r"\s*[(,]\s*$", re.IGNORECASE)
_THE_BEFORE = re.compile(r"(?<![\w'’])The[ \t]+$")
_TRAILING = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december""".split()
)


# Capitals in "(Y9, X)" that are a need, a status, a subject or a service, not a school's initials.
_NOT_SCHOOL_INITIALS = frozenset(
    """sen send ehcp ehc fsm lac cla cin cp pp eal mfl ks3 ks4 gcse gcses btec pe re rs dt it ict pshe rse sats ta sna ap
    pru yp cyp dsl sw camhs mash yot yjs asd adhd sebd semh mld sld pmld hi vi ot salt ld ml csc cse cce nhs iep""".split()
)
# Capitalised words after "Y9," that are a subject, a set or a time, not a school ("Y10, Design Technology").
_NOT_SLOT_NAMES = _TRAILING | frozenset(
    """english maths math science sciences history geography art music drama pe computing french spanish german
    technology design food religious studies re biology chemistry physics business media sociology psychology
    health social care sport sports btec gcse gcses set group block class form team tutor year term half autumn
    spring summer mocks exams exam option options ks3 ks4 key stage""".split()
)


class SchoolRecognizer(RegexGroupRecognizer):
    """Keyword first (cheap), then the run of name words just before it; verbs/determiners trimmed."""

    ENTITY = "SCHOOL"
    RULES = (
        Rule("name + school/academy/college", r"(?<![\w-])(?P<s>" + _STRONG + r")\b", 0.8, "s"),
        Rule("name + High/Primary",
             r"(?<![\w-])(?P<s>(?-i:High|Primary|Secondary|Grammar|Comprehensive|Juniors|Infants"
             r"|HIGH|PRIMARY|SECONDARY|GRAMMAR))\b" + _NOT_STREET, 0.7, "s"),
        Rule("lowercase name + high/primary", r"(?<![\w-])(?P<s>(?-i:high|primary|comp))\b" + _NOT_STREET, 0.65, "s"),
        Rule(  # "Ysgol Bro Taf", "Gaelscoil na Mara", "Coláiste Feirste": the school word comes first in Welsh and Irish
            "Ysgol/Scoil X",
            r"(?<![\w-])(?P<s>(?-i:Ysgol|Gaelscoil|Gaelcholáiste|Coláiste|Colaiste|Scoil)(?:\s+(?-i:y|yr|na|an|[A-Z][\w'’-]*)){1,3})"
            r"(?![\w'’-])",
            0.8, "s", needs=("ysgol", "scoil", "coláiste", "colaiste"),
        ),
        Rule("St X's", r"(?<![\w-])(?P<s>(?-i:" + _SAINT + r")(?:\s+(?-i:C\s?of\s?E|CE|RC)\b)?)(?!\w)" + _NOT_SAINT_SCHOOL,
             0.6, "s"),  # "Saint Oswald's C of E": the church's mark is part of the name
        Rule(  # "Our Lady of Lourdes (OLL)", "the girls at holy trinity": a church school's dedication
            "dedication name", r"(?<![\w-])(?P<s>" + _DEDICATION + r"(?:\s+(?-i:C\s?of\s?E|CE|RC)\b)?)(?!\w)" + _NOT_SAINT_SCHOOL,
            0.6, "s", needs=("holy", "sacred", "corpus", "christ the", "blessed", "our lady"),
        ),
        Rule("school's nickname", r"\b(?:calls?|called)\s+it\s+['‘\"“](?P<s>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))['’\"”]", 0.6,
             "s", needs=("calls it", "called it")),
        Rule("lowercase st x's", r"(?<![\w-])(?P<s>(?-i:st\.?\s+[a-z]+(?:['’]s|s)))(?!\w)" + _NOT_SAINT_SCHOOL,
             0.6, "s", needs=("st",)),
        # above the bare-name guess's 0.65 for the same span, which a public place ("X Park") would overrule
        Rule("name where a school stands", _SCHOOL_SLOT + _NAME_AFTER, 0.7, "s"),
        Rule(  # "most in Kelsall Park uniform", "Castlebrook blazer": what pupils wear names their school
            "name + uniform",
            r"(?<![\w'’-])(?P<s>(?-i:[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){0,2}))(?:['’]s)?\s+(?:school\s+)?"
            r"(?:uniform|blazer|jumper|hoodie|tie|badge|crest|bus\s+pass)\b",
            0.7, "s", needs=("uniform", "blazer", "jumper", "hoodie", " tie", "badge", "crest", "bus pass"),
        ),
        Rule(  # "Fin (Y11, KBA)", "(5 pupils, WCC)": a school's initials in a note's bracketed year or group
            "initials where a school stands",
            r"\((?:[^()\n]{0,30}?,[ \t]*)?(?:(?:y|yr|year)[ \t]?(?:[1-9]|1[0-3])|\d{1,2}[ \t]+(?:pupils|students))[ \t]*,[ \t]*"
            r"(?P<s>(?-i:[A-Z]{2,5}))[ \t]*\)",
            0.7, "s", needs=("(",),
        ),
        Rule(  # "Ridgeway pupils fighting on the field": a name no dictionary holds, then its pupils
            "name + pupils", r"(?<![\w'’-])(?P<s>(?-i:[A-Z][a-z]{3,}))[ \t]+(?:pupils|students)\b", 0.7, "s",
            needs=("pupils", "students"),
        ),
        Rule(  # "sent to Phoenix House the alternative provision", "Reset Hub (AP, Canal Street)": a provision named as such
            "name + alternative provision",
            r"(?<![\w'’-])(?P<s>(?-i:(?:The[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}))"
            r"(?:[ \t]*,?[ \t]+(?:the[ \t]+|an[ \t]+|our[ \t]+)?alternative[ \t]+provi[a-z]*|[ \t]*\((?-i:AP|PRU)\b)",
            0.7, "s", needs=("alternative provi", "(ap", "(pru"),
        ),
        Rule("University of X", r"(?<![\w-])(?P<s>(?-i:University\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))\b",
             0.8, "s", needs=("university of",)),
    )
    CONTEXT = ("school", "year", "pupil", "student", "teacher", "attend", "excluded", "expelled", "exclusion",
               "goes to", "go to", "went to", "going to", "enrolled", "transferred", "moved to", "y7", "y8", "y9",
               "y10", "y11")

    def __init__(self, score: float | None = None, lexicon: EnglishLexicon | None = None) -> None:
        super().__init__(score=score)
        self.lexicon = lexicon

    def _english(self, word: str) -> bool:
        """True if `word` is an English word (without a lexicon every word counts as one: the cautious side)."""
        return self.lexicon is None or self.lexicon.is_word(word.strip("'’.").lower())

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Narrow the match to the school's name, or reject it."""
        name = rule.name if rule else ""
        if name == "name where a school stands":
            return self._slot_name(text, start, end)
        if name in ("University of X", "Ysgol/Scoil X"):
            return (start, end)
        if name == "initials where a school stands":
            return None if text[start:end].lower() in _NOT_SCHOOL_INITIALS else (start, end)
        if name == "name + alternative provision":
            words = list(re.finditer(r"\S+", text[start:end]))
            while len(words) > 1 and (self._verb_like(words[0].group(0)) or words[0].group(0) == "The"):
                words.pop(0)  # "Visited Reset Hub (AP": the verb opening the sentence is not the name
            first = words[0].group(0)
            if first.lower() in STOP_WORDS or first.lower() in _TRAILING:
                return None
            return (start + words[0].start(), end)
        if name == "name + pupils":
            return None if self._english(text[start:end]) else (start, end)
        if name == "name + uniform":
            first = text[start:end].split()[0]
            return None if first.lower() in STOP_WORDS or self._english(first) else (start, end)
        if name == "school's nickname":
            return (start, end) if _SCHOOL_BEFORE.search(text, max(0, start - 80), start) else None
        if "st x's" in name.lower():
            return self._saint(text, start, end, lowercase=name.startswith("lowercase"))
        if name == "dedication name":
            return self._saint(text, start, end, lowercase=text[start].islower())
        if text[start:end] in ("Boys", "Girls") and text[end:end + 1] in ("'", "’"):
            end += 1  # "at Hartfield Girls'.": the apostrophe is the name's
        return self._before_keyword(text, start, end, weak=name.startswith("lowercase"))

    def _before_keyword(self, text: str, start: int, end: int, weak: bool = False) -> tuple[int, int] | None:
        """Keep the run of name words just before the keyword; lowercase names need context or unknown words."""
        run = _PRECEDING.search(text, max(0, start - 80), start)
        if run is None:
            return None
        name_start = None
        capitalised = text[start].isupper()
        words_before = list(_WORD.finditer(text, run.start(), start))
        for i in range(len(words_before) - 1, -1, -1):
            word = words_before[i]
            token = word.group(0)
            if token == "&":
                continue
            if token == "of" and capitalised and name_start is not None and i > 0 and words_before[i - 1].group(0) in _OF_HEADS:
                continue  # "City of Bristol College", "Prince of Wales School" (not "Governors of Westbrook Academy")
            if token.lower() in STOP_WORDS or (token[0].islower() and (capitalised or token.lower() in _GENERIC)):
                break
            if len(token) > 3 and token.endswith(".") and word.end() < start - 1:
                break  # a full stop ends the sentence the name would be in
            name_start = word.start()
        if name_start is None:
            return None
        first = _WORD.match(text, name_start)
        while first is not None and (first.group(0) == "&" or (self._verb_like(first.group(0))
                                                                and opens_sentence(text, first.start(), _SENTENCE_ENDS))):
            nxt = _WORD.search(text, first.end(), start)
            name_start = nxt.start() if nxt else start
            first = nxt
        words = text[name_start:start].lower().split()
        if not words or all(w in _GENERIC or w == "&" for w in words):
            return None
        shouting = text[start:end].isupper() and text[name_start:start].isupper()
        lower_name = text[name_start].islower() or weak or not capitalised
        if shouting or (lower_name and not _LOWER_CONTEXT.search(text, 0, name_start)):
            if any(self._english(w) for w in words):
                return None  # "feeling high", "football academy", "GOT HIGH": no context, plain English words
        the = _THE_BEFORE.search(text, max(0, name_start - 5), name_start)
        if the and capitalised and not opens_sentence(text, the.start()):
            name_start = the.start()  # "Year 8 group, The Grange School": a capital "The" mid-sentence is the name's
        return (name_start, end)

    def _verb_like(self, token: str) -> bool:
        """A capitalised English verb form that starts the run ("Phoned school", "Attended Oakfield High");
        only where it opens a sentence: mid-sentence it is part of the name ("goes to Chipping Lane Primary")."""
        low = token.lower()
        return token[0].isupper() and low.endswith(("ed", "ing")) and self._english(low)

    def _saint(self, text: str, start: int, end: int, lowercase: bool) -> tuple[int, int] | None:
        """"St Anne's" needs nothing more; lower-case "st annes" needs "at/to/from" before it or to open a sentence
        (else "high st shops")."""
        if lowercase and not _LOWER_CONTEXT.search(text, 0, start) and not opens_sentence(text, start):
            return None  # "st bedes should have a counsellor" opens a message: no street abbreviation does
        return (start, end)

    def _slot_name(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Title-case words after "excluded from", "Y9", "DSL at", ...; the first must not be an English word."""
        words = list(re.finditer(r"\S+", text[start:end]))
        while words and (words[-1].group(0) == "&" or words[-1].group(0).lower() in _TRAILING):
            words.pop()
        if not words:
            return None
        first = words[0].group(0)
        if _PRU_BEFORE.search(text, max(0, start - 30), start) and first[0].isupper() and first.lower() not in STOP_WORDS:
            return (start, start + words[-1].end())  # "the PRU (Thornton Centre)": the PRU's own name
        if words[-1].group(0).lower() in _OTHER_PLACE:
            return None
        if first == "the" and len(words) == 2:  # "Y11, the Vale": a capitalised name that is no generic place
            name = words[1].group(0).lower()
            plural = name.endswith("s") and self._english(name[:-1])  # "Y10 the Boys"
            return None if name in _GENERIC_PLACES or plural else (start, start + words[-1].end())
        if first.lower() in ("st", "st.") and len(words) > 1:
            first = words[1].group(0)
        elif first.lower() in STOP_WORDS or (self._english(first) and not self._named_in_words(words)):
            return None
        return (start, start + words[-1].end())

    @staticmethod
    def _named_in_words(words: list[re.Match]) -> bool:
        """"Y8, Castle Vale", "(Yr3, Holy Trinity)": two or three capitalised words in the slot name a school
        even when each is English; a subject, a day or a generic place ("Y10, Design Technology") does not."""
        tokens = [w.group(0).strip("'’.,)") for w in words]
        return 2 <= len(tokens) <= 3 and all(t[:1].isupper() and t.lower() not in _NOT_SLOT_NAMES for t in tokens) \
            and tokens[-1].lower() not in _GENERIC_PLACES
