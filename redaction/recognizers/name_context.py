"""Names given away by their context: "my mate X", "called X", "X's mum", "Mr X", "X came to", "text X on"."""
from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import LETTERED, PAST_TENSE, TITLES_CASED, EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule, whole_words
from redaction.recognizers.name_log_cues import LOG_CUE_RULES
from redaction.recognizers.name_patterns import BRACKETED_BY, CAP, NAME

# A contact's name in a phone: "saved as 'T'", "saved in her phone as 'Big J'" (also read for initials).
SAVED_AS = r"saved\s+(?:in\s+(?:his|her|their|the)\s+phone\s+)?as"
_REL = (
    r"(?:mate|mates|friend|bestie|best\s+mate|best\s+friend|boyfriend|girlfriend|bf|gf|bro|brother|sister|sis|"
    r"cousin|partner|ex|step-?(?:dad|mum|brother|sister)|uncle|auntie|aunt|neighbour|carer|foster\s+carer)"
)
_FAMILY = (
    r"(?:mum|mam|dad|nan|nana|gran|grandad|brother|sister|house|boyfriend|girlfriend|mate|mates|cousin|uncle|"
    r"auntie|aunt|step-?dad|step-?mum|partner|place|family|carer)"
)
_INITIALS = r"(?!(?-i:e\.g|i\.e|a\.m|p\.m|n\.b|p\.s|U\.K|U\.S|O\.K|o\.k|O\.T)\.|(?i:d\.o\.b))[A-Za-z]\.\s?[A-Za-z]\.(?:\s?[A-Za-z]\.)?"
# Titles before a surname; an officer's collar number may sit on either side of the name ("PC 4471 Hughes", "DC Marsh 3317").
_TITLES = "|".join(TITLES_CASED)
_TITLE = r"(?-i:" + _TITLES + r")\.?"
# The title rule's cheap gate: the same titles, lower-cased.
_TITLE_NEEDS = tuple(sorted({t.lower() for t in TITLES_CASED}))
# Surname particles written in capitals with the surname ("Marcel DA SILVA", "Anna VAN DER BERG" keeps "VAN").
_PARTICLE = r"(?:DA|DE|DI|DU|DOS|DAS|DEL|DER|VAN|VON|LE|LA|AL|EL|BIN|BEN|MAC)"
_WORD = re.compile(r"[A-Za-z][A-Za-z-]*")
_NEXT_WORD = re.compile(r"[ \t]+([a-z][a-z-]{2,})\b")
_TIMES = frozenset("day night morning evening afternoon weekend week month term holiday".split())
_DWELLING = re.compile(r"\s+(?:house|place|flat)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:[.,;!?]|$)")  # "stay at livs." ends there: the name is the place
# What two letters standing for a person do next ("KT said", "KT not back", "KT won").
_INITIALS_VERBS = "|".join(sorted(PAST_TENSE | set(
    "came said was is has had told seen and met attended arrived did went got asked left back missing refused returned"
    .split())))
# Capitalised words after "mum"/"sister" that are not her name ("her sister Year 9", "dad Monday").
_NOT_AFTER_FAMILY = (r"(?-i:Year|Yr|School|College|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                     r"And|But|Or|So|Then|The|He|She|They|We|I)\b")
# Capitals that end a note without signing it ("Referred on. NFA", "Will ring back. TBC").
_NOT_SIGN_OFFS = frozenset("""OK NFA TBC TBA ASAP ETC LOL XX XXX NB PS FYI RIP ID UK CCTV YP CYP SW DSL GP PC NO YES IT US ME WE HE
    SO OR TO IN ON UP GO DO IS OF AT BY IF MY""".split())
_TITLE_RE = re.compile(r"(?:" + _TITLES + r")\.?\s+")
_AND_TITLE = re.compile(r"[ \t]*(?:and|&)[ \t]+" + _TITLE + r"[ \t]+")
_SHOUTED_NEXT = re.compile(r"[ \t]+[A-Z]{2,}\b")
_CONTRACTION = re.compile(r"(?i:n['’]t|['’](?:d|ve|ll|re|m))\b")

# How much a rule's context vouches for a lowercase word it captures:
# SHAPE: the shape alone is the evidence; ANY: any non-function word; WEAK: only gazetteer names.
# Other rules accept gazetteer names and words the English lexicon does not know.
_SHAPE = frozenset({"initials", "lil/big + initial", "letter + person's verb", "PS + surname", "title + initial", "phone number + ('contact')", "signed + initials",
                    "quoted nickname + identified as", "first 'nickname' surname", "kin title mid-sentence + name",
                    "name + particle + name", "full name + (nickname)", "'nickname' - full name"})
# What follows "called" when it is the verb ("a lad called round", "she's called police", "he's called names").
_CALLED_NOT_A_NAME = frozenset("round by in out off over up back police ambulance security names him her them me us mum dad "
                               "nan home school work sick".split())
_ANY = frozenset({"text/message X on", "this is X by the way", "X came to", "X from the club", "me and X"})
# Rules whose match starts with the name, so a leading function word may be skipped ("also Saskia's mum").
_NAME_FIRST = frozenset({"name + possessive family word", "X came to", "X from the club", "X said the same", "name + (dob/age)"})
_RELATIONS = frozenset("sister brother cousin mum dad nan uncle aunt auntie friend mate worker".split())
_WEAK = frozenset({"met/with + name", "name + initial", "name + (dob/age)", "X said the same"})
# Rules whose shape alone is weak: even a capitalised first word must be a known name or not an English word.
_BRACKETED = frozenset({"role or kin + (name)", "role or kin + quoted name", "greeting + it's X", "email header name"})
_NAMEY = frozenset({"name + capital initial", "name + CAPS surname", "me n X", "X n me"})
_LOWER_TITLED = frozenset({"lower-case title + surname", "lower-case role or kin title + given name"})


class NameContextRecognizer(RegexGroupRecognizer):
    """Rules are data; refine() decides whether the captured word may be a name."""

    ENTITY = "PERSON"
    RULES = (
        Rule("relationship + name", r"\b(?:my|his|her|their|your|our|a)\s+" + _REL + r"\s+(?:called\s+|named\s+)?(?P<n>" + NAME + ")", 0.7, "n", needs=('mate', 'friend', 'bestie', 'bf', 'gf', 'bro', 'brother', 'sister', 'sis', 'cousin', 'partner', 'ex', 'step', 'uncle', 'aunt', 'neighbour', 'carer')),
        Rule("relation + name (age)", r"\b(?:brother|sister|cousin|uncle|auntie|aunt|nan)\s+(?P<n>" + NAME + r")\s*\(\d", 0.7, "n", needs=('(',)),
        # "a lad called dizzy", "hes called smiley", "a guy called T": a person, then what they are called,
        # is a nickname even when it is an English word or one letter ("called the police" names no one)
        Rule("a lad called x",
             r"\b(?:lad|man|guy|bloke|girl|boy|fella|woman|lass|kid|someone|somebody|driver|dealer|he'?s|she'?s"
             r"|he\s+is|she\s+is|(?:drivers|dealers|lads|guys)['’]?)\s+called\s+['\"‘“]?"
             r"(?P<n>(?-i:[a-z][a-z'’-]{0,13}|[A-HJ-Z](?![\w.'’-])))(?![\w'’-])", 0.9, "n", needs=("called",)),
        Rule("called/named + name", r"\b(?:called(?:\s+(?:herself|himself|themselves|themself))?|call(?:s|ing|in)\s+(?:herself|himself|themselves|themself)|named|name\s+is|name's|known\s+as|known\s+only\s+as|knows?\s+(?:him\s+|her\s+|them\s+)?as|aka|goes\s+by|prefers(?:\s+to\s+be\s+called)?|name\s+for\s+(?:him|her|them)\s+(?:was|is)|preferred\s+name(?:\s+is)?:?|" + SAVED_AS + r")\s+['\"‘“]?(?P<n>" + NAME + ")",
             0.9, "n", needs=('called', 'named', 'name', 'known as', 'knows', 'know ', 'aka', 'goes by', 'saved', 'prefer')),
        # above the NER, as "role + name"
        Rule(  # "a lad everyone calls Smudge", "they call him Tank": a capitalised nickname only ("what they call
            "everyone calls X",  # miscommunication" names nothing)
            r"\b(?:(?:everyone|they|people|we\s+all)\s+calls?(?:\s+(?:him|her|them))?|calls?\s+(?:him|her|them))\s+['\"‘“]?"
            r"(?P<n>(?-i:[A-Z][\w'’-]+))",
            0.9, "n", needs=("call",),
        ),
        Rule("name + possessive family word", r"\b(?P<n>" + NAME + r")(?:'s|’s|s’|s'|s)\s+" + _FAMILY + r"\b", 0.7, "n", needs=('mum', 'mam', 'dad', 'nan', 'gran', 'brother', 'sister', 'house', 'friend', 'mate', 'cousin', 'uncle', 'aunt', 'step', 'partner', 'place', 'family', 'carer')),
        Rule("quoted name + 's/is", r"[\"“](?P<n>" + NAME + r")(?:'s|’s|\s+is)\b", 0.65, "n", needs=('"', '“')),
        Rule("title + surname", r"\b(?P<n>" + _TITLE + r"\s+(?:(?:and|&)\s+" + _TITLE + r"\s+)?(?:\d{3,5}\s+)?" + CAP + r"(?:\s+" + CAP + r")?(?:\s+\d{3,5}\b)?)", 0.8, "n", needs=_TITLE_NEEDS),
        Rule(  # "mr boyle", "ms fry", "miss o", "Mr field": a title typed in lower case, or a lower-case surname
            "lower-case title + surname",
            r"\b(?P<n>(?-i:[Ss]ir|[Mm]iss|[Mm]rs?|[Mm]s)\.?[ \t]+(?-i:[a-z][a-z'’-]*[a-z]|[A-Z](?![\w.'’])|[b-hj-tvwz](?![\w.'’])))",
            0.9, "n", needs=('sir', 'miss', 'mr', 'ms'),  # above the NER: the one-word filter drops its lower-case guess
        ),
        Rule(  # "nurse sam", "aunty grace", "carer jan": a role or kin word before a lower-case given name
            "lower-case role or kin title + given name",
            r"\b(?P<n>(?:[Nn]urse|[Aa]unty|[Aa]untie|[Aa]unt|[Uu]ncle|[Cc]oach|[Cc]arer|[Mm]entor|[Kk]eyworker)[ \t]+[a-z][a-z'’-]*[a-z])"
            r"(?![\w'’-])",
            0.9, "n", needs=('nurse', 'aunt', 'uncle', 'coach', 'carer', 'mentor', 'keyworker'), flags=0,
        ),
        Rule(
            "role + name",
            r"\b(?:worker|keyworker|key\s+worker|social\s+worker|sw|teacher|pcso|officer|coach|manager|mentor|"
            r"referral(?:\s+form)?|name|surname|client|yp|cyp|thanks\s+to)\s*:?\s+(?P<n>" + NAME + "|" + _INITIALS + ")",
            0.9,  # above the NER's 0.85: on the same span the cue must win, or a decoy veto meant for bare guesses drops "Worker: RS"
            "n",
        ),
        Rule(  # "Grandad (Ron)", "Home manager (Lorraine)", "HoY8 (Mr Costa)", "Parents (Mr and Mrs Latif)"
            "role or kin + (name)",
            r"\((?P<n>(?:" + _TITLE + r"\s+(?:and\s+" + _TITLE + r"\s+)?)?"
            r"(?!" + _NOT_AFTER_FAMILY + r")" + CAP + r"(?:\s+" + CAP + r")?)(?:\)|,[ \t]*(?:\+|0)\d[\d \t]{8,14}\))",  # "(Pauline, 07700 900 561)"
            0.9,  # above the NER's 0.85: the one-word filter would drop its bare guess of "Ron"
            "n",
            needs=("(",),
            before=r"\b(?:" + BRACKETED_BY + r")\s*$",
        ),
        Rule(  # "Ade Balogun (SW)", "Shaz (DSL)", "River (they/them)": a name, then a role or pronouns in brackets
            "name + (role or pronouns)",
            r"(?P<n>" + CAP + r"(?:[ \t]+" + CAP + r")?)[ \t]*\((?:(?-i:SW|SSW|DSL|DDSL|SENCO|SENCo|HoY\d{0,2}|YOT|ISW|IRO"
            r"|PA|FSW|EHW|SPOC|OIC|FLO|TA|HV|CPN|GP|SN)|(?:she|he|they|ze|xe)/(?:her|him|them|they|she|he|hir|zir|xem)"
            r"(?:/\w+)?)\)",
            0.9,
            "n",
            needs=("(",),
        ),
        Rule(  # 'his football coach "Mick"', "keyworker 'Dee'"
            "role or kin + quoted name",
            r"['\"‘“](?P<n>" + CAP + r"(?:\s+" + CAP + r")?)['\"’”]",
            0.9,
            "n",
            needs=("'", '"', "‘", "“"),
            before=r"\b(?:" + BRACKETED_BY + r")\s+$",
        ),
        Rule(  # "... Will follow up. Mark", "Hope hes ok. Jo x": the writer's name signing the note off
            "sign-off",
            r"(?P<n>[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]*[.!]*(?:[ \t]*[xX]{1,3})?\s*\Z",
            0.9,  # above the NER: its bare guess of "Jo" or "Mark" would be filtered
            "n",
            flags=0,
            before=r"(?:^|[.!?)][ \t]+|\n[ \t]*)(?:(?:thanks|cheers|regards|kind\s+regards|best|many\s+thanks|ta|love|from)"
                   r"[,!.]?\s+)?$",
        ),
        Rule(  # "Concern to Sister Amina", "(Brother Hamza)", ". Sister Hafsa doing henna": a capital kin word not
               # opening the note is a title
            "kin title mid-sentence + name",
            r"(?:(?<=[a-z,;:(.!?][ \t])|(?<=\())(?P<n>(?-i:(?:Sister|Brother|Aunty|Auntie|Uncle|Father)[ \t]+(?!Christmas\b)[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?))\b"
            r"(?![ \t]*[(,][ \t]*\d)",  # "Sister Lacey (14)": an age after the name says the word is kin
            0.9,
            "n",
            needs=("sister", "brother", "aunt", "uncle", "father"),
        ),
        Rule(  # "... Keep monitoring. RH", "Logged, no sanction. -SB": a writer's initials signing the note off
            "initials sign-off",
            r"(?P<n>[A-Z]{2,3}(?:['’][A-Z])?(?:/[A-Z]{2,3})?|[B-HJ-NP-Z])[ \t]*\.?(?:[ \t]+[xX]{1,3})?\s*\Z",
            0.9,
            "n",
            flags=0,
            before=r"(?:[.!?)][ \t]+|\n[ \t]*|[ \t]-[ \t]?|^)-?$",
        ),
        Rule("text/message X on", r"\b(?:text|message|messsage|msg|ring|call|phone|dm|contact)\s+(?P<n>" + NAME + r")\s+(?:on|at)\b", 0.65, "n", needs=(' on', ' at')),
        Rule("email/text from X", r"\b(?:email|e-mail|text|message|msg|call|letter|note|dm)\s+from\s+(?P<n>" + NAME + ")", 0.65, "n", needs=(' from ',)),
        Rule("this is X by the way", r"\b(?:this\s+is|it's|its|it’s)\s+(?P<n>" + NAME + r")\s+(?:by\s+the\s+way|btw|by\s+da\s+way)", 0.7, "n", needs=('by the way', 'btw', 'by da way')),
        Rule("i'm X from year N", r"\b(?:i'm|im|i\s+am|this\s+is)\s+(?P<n>" + NAME + r")\s+(?:from|in)\s+(?:year|yr|y)\s*\d", 0.7, "n", needs=('year', 'yr', 'y')),
        Rule("X came to", r"(?P<n>" + NAME + r")\s+came\s+to\s+(?:our|the)\b", 0.65, "n", needs=('came to',)),
        Rule("X from the club", r"\b(?P<n>" + NAME + r")\s+from\s+(?:the\s+|da\s+|de\s+)?(?:youth|yotuh|yuoth|club|centre|center|hub|project)", 0.65, "n", needs=(' from ',)),
        Rule("me and X", r"\bme\s+(?:and|&|n)\s+(?P<n>" + NAME + r")\s+(?:fell|fall|are|were|went|go|hang|had|got|n|and|&)\b", 0.65, "n", needs=('me ',)),
        Rule("me n X", r"\bme\s+(?:and|&|n)\s+(?P<n>[a-z][a-z-]*[a-z]|(?-i:[A-Z][a-z]+))(?![\w'’-])", 0.6, "n", needs=('me ',)),
        Rule("X n me", r"(?<![\w'’-])(?P<n>[a-z][a-z-]*[a-z]|(?-i:[A-Z][a-z]+))\s+(?:and|&|n)\s+me\b", 0.6, "n", needs=(' me',)),
        Rule("with/and + quoted name", r"\b(?:with|and|&|as|uses)\s+['‘\"“](?P<n>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]*)?|[A-Z]{2,3}))['’\"”]",
             0.9, "n", needs=("'", '"', "‘", "“")),  # above the NER: its bare guess would be filtered ("Smokes")
        Rule(  # 'Rosie Adebayo ("Ro")', "Jacob Pearce ('Peaky')", "Daniel Ashworth (D-Money to his mates)"
            "full name + (nickname)",
            r"(?-i:[A-Z][a-z]+[ \t]+[A-Z][a-z'’-]+)[ \t]*\([ \t]*(?:['\"‘“](?P<n>[A-Za-z][^'\"’”\n()]{0,19})['\"’”][ \t]*\)"
            r"|(?P<m>(?-i:[A-Z][\w-]{1,20}))[ \t]+to[ \t]+(?:his|her|their)[ \t]+(?:mates|friends))",
            0.9, "n", needs=("(",), fallback="m",
        ),
        Rule(  # "'Beans' - Ben Carr": a quoted nickname, then the name it stands for
            "'nickname' - full name",
            r"['‘\"“](?P<n>[^'\"’”\n]{1,20})['’\"”][ \t]*[-–][ \t]*(?-i:[A-Z][a-z]+[ \t]+[A-Z][a-z'’-]+)",
            0.9, "n", needs=("'", '"', "‘", "“"),
        ),
        # 'Pádraig "Paddy" McCloskey', 'Destiny ("Des") Okoro': the nickname between the given name and the surname
        Rule("first 'nickname' surname",
             r"(?P<n>(?-i:\b[A-ZÀ-Þ][a-zß-ÿ]+)\s+\(?['‘\"“][A-Za-z][\w.-]{0,14}['’\"”]\)?\s+(?-i:[A-Z]{2,}|[A-Z][a-z][\w'’-]*))\b", 0.7, "n",
             needs=("'", '"', "‘", "“")),
        Rule("at X's (house)", r"\b(?:at|to|from)\s+(?P<n>[A-Za-z][a-z]+)(?:'s|’s|s)(?:\s+(?:house|place|flat))?(?=[\s.,!?]|$)", 0.55, "n"),
        Rule("X said the same", r"\b(?P<n>" + NAME + r")\s+said\s+(?:the\s+same|da\s+same)", 0.6, "n", needs=('said',)),
        # Initials with a cue score above the NER (0.85): Presidio keeps the higher of two equal finds, and
        # the one-word filter drops the NER's bare two-letter guess ("KT did the playlist").
        Rule("with/met + two-letter initials", r"\b(?:with|met|saw|and)\s+(?P<n>(?-i:[A-Z]{2}))\b(?!\.)", 0.86, "n"),
        Rule("two-letter initials + verb", r"(?<![\w.])(?P<n>(?-i:[A-Z]{2}))\s+(?:not\s+)?(?:" + _INITIALS_VERBS + r")\b", 0.86, "n"),
        Rule("met/with + name", r"\b(?:with|met|saw|seen|this\s+is|i'm|im|i\s+am|visited|texted|phoned)\s+(?P<n>" + NAME + ")", 0.6, "n"),
        Rule("name + (dob/age)", r"\b(?P<n>" + NAME + r")\s*[(,]\s*(?:dob|d\.o\.b|aged?\b|\d{1,2}\)|year\s+\d|yr\s*\d|y\d)", 0.9, "n", needs=('dob', 'd.o.b', 'age', '(', 'year')),
        Rule("family word + Name", r"\b(?:mum|mam|dad|nan|nana|gran|grandad|grandma|auntie|aunty|aunt|uncle|brother|sister|cousin|step-?dad|step-?mum)"
             r"[ \t]+\(?(?P<n>(?!" + _NOT_AFTER_FAMILY + r")(?-i:[A-Z][a-z]+(?:-[A-Z][a-z]+)?))(?![\w-]|['’](?!s\b)\w)", 0.65, "n",
             needs=('mum', 'mam', 'dad', 'nan', 'gran', 'grand', 'aunt', 'uncle', 'brother', 'sister', 'cousin', 'step')),
        Rule("initials", r"(?<![\w.])(?P<n>" + _INITIALS + r")(?![A-Za-z])", 0.6, "n", needs=('.',)),
        Rule("name + initial", r"\b(?P<n>[A-Za-z][a-z'’-]+\s+[A-Za-z]\.)(?!\w)", 0.65, "n", needs=('.',)),
        Rule("full name (initials)", r"\b(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)\s+\((?P<n>(?-i:[A-Z]{2,3}))\)", 0.7, "n", needs=("(",)),
        Rule("sentence-initial initials + word", r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=\d\d[:.]\d\d\s)|(?<=\s[-–]\s))"
             r"(?P<n>(?-i:[A-Z]{2}))[ \t]+(?=(?-i:[a-z]{3,}|up|in|out)\b)", 0.86, "n"),
        Rule("name + capital initial", r"\b(?P<n>(?-i:[A-Z][a-z]+\s+[A-HJ-Z]))(?![\w.'’&])", 0.6, "n"),
        Rule("name + CAPS surname", r"\b(?P<n>(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:" + _PARTICLE + r"\s+)?(?:[OD]['’])?[A-Z]{3,}(?:-[A-Z]{3,})?))(?!\w)",
             0.7, "n"),
        Rule(  # "Iwan ap Rhys", "Aoife Ní Bhriain", "Yusuf bin Khalid": a patronymic particle between two names
            "name + particle + name",
            r"\b(?P<n>(?-i:[A-Z][\w'’-]+[ \t]+(?:ap|ab|ferch|verch|Ní|Nic|Uí|Ó|bin|bint|binti|ibn)[ \t]+[A-Z][\w'’-]+))",
            0.9, "n", needs=(" ap ", " ab ", "ferch", "verch", " ní ", " nic ", " uí ", " ó ", " bin", " ibn "),
        ),
        Rule("lil/big + initial", r"\b(?P<n>(?:lil|big)\s+[A-Za-z]|(?-i:Little\s+[A-HJ-Z]))(?![\w.])", 0.6, "n",
             needs=('lil', 'big', 'little')),
        Rule("Lil/Big + name", r"\b(?P<n>(?-i:(?:Lil|Big)\s+[A-Z][a-z]+))", 0.6, "n", needs=('lil', 'big')),
    ) + LOG_CUE_RULES  # minutes, logs, referrals and aliases (name_log_cues.py)

    def __init__(
        self, known_names: set[str], blocked: set[str], lexicon: EnglishLexicon, given_names: Iterable[str] = ()
    ) -> None:
        """`given_names`: lower-cased census first names, which a name in brackets after a role may be
        even when it is an English word ("Grandad (Ron)")."""
        super().__init__()
        self.known = frozenset(known_names)
        self.given = frozenset(given_names)
        self.blocked = frozenset(blocked)
        self.lexicon = lexicon

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Skip leading function words, then ask whether the first word may be a name."""
        name = rule.name if rule is not None else ""
        # A capture that stops inside a word ("to thi|s day", "Jordan|s mum") is judged as the whole word.
        widened = whole_words(text, start, end)
        if widened != (start, end) and self._word_not_name(text[widened[0]:widened[1]], text[start:end]):
            return None
        start, end = widened
        if name == "a lad called x":
            low = text[start:end].lower()
            return None if low in STOP_WORDS or low in self.blocked or low in _CALLED_NOT_A_NAME else (start, end)
        if _CONTRACTION.search(text, start, end):
            return None  # "YP didn't attend", "YP RUI'd": a verb, not a name
        if name in _WEAK and text[start:end].isupper() and len(text[start:end].split()[0]) > 3 \
                and self.lexicon.is_word(text[start:end].split()[0].lower()):
            return None  # "I AM WRITING": a shouted English word after "I am", not a name
        if name == "PS + surname" and not re.match(r"[ \t]+\d{3,5}\b", text[end:]) and not re.match(r"PS[ \t]+\d", text[start:end]) \
                and self.lexicon.is_word(text[start:end].split()[-1].lower()):
            return None  # "PS Please ring": a postscript, unless a collar number follows
        if name == "given name (letters)":
            given = re.search(r"([A-Za-z]+)[ \t]*\($", text[max(0, start - 30):start])
            low = given.group(1).lower() if given else ""
            ok = (low in self.known or low in self.given) and low[:1] == text[start].lower()  # "Tyler (T)"; not "Marie (SSW)"
            return (start, end) if ok else None  # nor "Option (B)"
        if name in _SHAPE:
            return (start, end)
        if name in _LOWER_TITLED:
            return self._lower_titled(text, start, end, name)
        value = text[start:end]
        if name in ("initials sign-off", "initials + time at the end", "staff list initials"):
            # "... Pete aware. MH", "Taken by KB 11:10": a log's writer, even when the letters spell a decoy (MH, AM)
            return None if value.upper() in _NOT_SIGN_OFFS or (len(value) > 2 and value.lower() in STOP_WORDS) else (start, end)
        if name in ("initials + (agency)", "(role, initials)", "action + initials"):  # "JT (CSC)"; not "NO."
            return (start, end) if value.lower() not in self.blocked and value.lower() not in STOP_WORDS else None
        if len(value) == 1:
            return (start, end) if value.isupper() else None
        if name == "at X's (house)" and not self._possessive_name(text, start, end):
            return None
        if name == "name + initial" and value.split()[0].lower() in LETTERED:
            return None  # "Option B.", "Plan A.": a kind and its letter
        if len(value) == 2 and value.isupper():
            if value.lower() in STOP_WORDS and _SHOUTED_NEXT.match(text, end):
                return None  # "WE HAVE", "HE WAS": a shouted word, not initials ("MY session 2" stays)
            # After "Worker:" initials are a person even if they spell a school subject ("RS").
            return (start, end) if name == "role + name" or value.lower() not in self.blocked else None
        if "-" in value and all(self.lexicon.is_word(p) and p not in self.known for p in value.lower().split("-") if p):
            return None  # "Drop-in, Y11 girl", "Follow-up (age 14)": a compound of English words
        title = _TITLE_RE.match(text, start)
        if title and (couple := _AND_TITLE.match(text, title.end())):
            title = couple  # "Mr and Mrs Adebayo": the name starts after the second title
        words = list(_WORD.finditer(text, title.end() if title else start, end))
        while name in _NAME_FIRST and len(words) > 1 and (
            self._function_word(words[0].group(0)) or words[0].group(0).lower() in _RELATIONS
        ):
            words.pop(0)
            start = words[0].start()
        if not words or self._function_word(words[0].group(0)):
            return None
        word = words[0].group(0)
        low = word.lower()
        if name == "sign-off":
            accepted = low in self.known or low in self.given  # a typo ending a comment ("Noth.") signs nothing
        elif name in _BRACKETED:
            accepted = bool(title) or low in self.known or low in self.given or not self.lexicon.is_word(low)
        elif name in _NAMEY:
            surname = text[start:end].split()[-1].lower()
            accepted = (low in self.known or not self.lexicon.is_word(low)) and surname not in self.blocked
        elif word[0].isupper() or low in self.known or (low.endswith("s") and low[:-1] in self.known):
            accepted = True
        elif name in _WEAK:
            accepted = False
        else:
            accepted = name in _ANY or not self.lexicon.is_word(low)
        if not accepted:
            return None
        return (start, self._extend_lowercase_surname(text, self._trim_tail(text, start, end)))

    def _lower_titled(self, text: str, start: int, end: int, rule: str) -> tuple[int, int] | None:
        """"mr boyle", "ms fry": after mr, mrs or ms any word is the surname; after sir, miss, nurse or a kin word
        only a known name or a word English lacks is ("miss school", "sir said", "aunty said" stay)."""
        title, word = text[start:end].split(None, 1)
        low = word.lower()
        if low in STOP_WORDS or low in self.blocked:
            return None
        if len(word) == 1 or (rule == "lower-case title + surname" and title.lower().rstrip(".") in ("mr", "mrs", "ms")):
            return (start, end)
        if rule == "lower-case title + surname":
            return (start, end) if low in self.known or low in self.given or not self.lexicon.is_word(low) else None
        return (start, end) if low in self.known or low in self.given else None

    def _word_not_name(self, whole: str, captured: str) -> bool:
        """A capture cut from an English word ("Show|s mum", "thi|s") is that word, unless a name is inside."""
        low = whole.lower()
        return (low in STOP_WORDS or self.lexicon.is_word(low)) and low not in self.known \
            and captured.lower() not in self.known

    def _possessive_name(self, text: str, start: int, end: int) -> bool:
        """"stay at livs": only a gazetteer name or a non-word stem counts (not "at hers", "at mums")."""
        low = text[start:end].lower()
        stem = low[:-1] if low.endswith("s") and not text[end:end + 1] in "'’" else low
        if text[start:end].isupper() or low in self.blocked or stem in self.blocked or low in STOP_WORDS:
            return False
        if self.lexicon.is_word(low) and low not in self.known and not (
                stem in self.known and (_DWELLING.match(text, end) or _CLAUSE_END.match(text, end))):
            return False  # "to this day", "back to kings mill", "to address": words, not names ("at jordans house" is one)
        if stem in _TIMES and low != stem:
            return False  # "KB to days, Gemma to nights": shifts and times, though "Day" is a surname
        return stem in self.known or low in self.known or not self.lexicon.is_word(stem)

    def _function_word(self, word: str) -> bool:
        low = word.lower()
        if word[0].isupper() and low in self.known:
            return False  # "Will", "May": capitalised names that are also stop words
        return low in STOP_WORDS or low in self.blocked

    def _trim_tail(self, text: str, start: int, end: int) -> int:
        """Drop a trailing word that is a function word or decoy ("Kayden On ...")."""
        words = list(_WORD.finditer(text, start, end))
        last = words[-1].group(0).lower() if words else ""
        if len(words) > 1 and len(last) > 1 and (last in STOP_WORDS or last in self.blocked):
            return words[-2].end()
        return end

    def _extend_lowercase_surname(self, text: str, end: int) -> int:
        """"hope rahman": a lowercase name runs on into a non-English lowercase word or known surname."""
        nxt = _NEXT_WORD.match(text, end)
        if nxt and text[end - 1].islower():
            low = nxt.group(1)
            if low not in self.blocked and (low in self.known or not self.lexicon.is_word(low)):
                return nxt.end(1)
        return end
