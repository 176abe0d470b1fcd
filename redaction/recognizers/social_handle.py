"""Social media handles: @names, "snap: x" / "insta x" / "snap as x" mentions, "X on YouTube", "gamertag is X"."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from redaction.lexicon import LETTERED, EnglishLexicon
from redaction.recognizers.base import RegexGroupRecognizer, Rule

# Whole words only: "x" must not match inside "x-ray" or "existence".
_CLEAR_APPS = (
    r"\b(?:snap(?:chat)?|insta(?:gram)?|ig|tik\s?tok|twitter|threads|discord|telegram|fb|facebook|kik|yubo|"
    r"roblox|fortnite|xbox|psn|playstation|twitch|youtube|whatsapp|wickr|threema|viber|wechat|skype)\b"
)
# Short app names that are also letters or words ("x", "sc", "tt", "wa"): only a handle-shaped token counts.
_APPS = r"(?:" + _CLEAR_APPS + r"|\b(?:sc|tt|x|wa)\b)"
_ACCOUNT = r"(?:\s+(?:name|handle|username|user|id|account|acc|profile|page))?"
_HANDLE = r"[A-Za-z0-9_.'-]{2,30}[A-Za-z0-9_](?![\w@])"
# A handle's shape: a digit, an underscore or an inner dot ("mo.kay_22", "tommo_22", "jj.smith07").
_SHAPED = r"(?=[A-Za-z0-9_.]*(?:[0-9_]|\.[A-Za-z0-9]))_*[A-Za-z][A-Za-z0-9_.]{2,29}(?<!\.)(?![\w@])"

# Cheap gate for rules that end on an app name: a piece of every name in _CLEAR_APPS.
_APP_HINTS = ("snap", "insta", "ig", "tik", "tok", "twitter", "threads", "discord", "telegram", "fb", "facebook", "kik",
              "yubo", "roblox", "fortnite", "xbox", "psn", "playstation", "twitch", "youtube", "whatsapp", "wickr", "threema",
              "viber", "wechat", "skype")
# The last part of a web address or a file name: no handle ends so.
_DOMAIN_OR_FILE = frozenset(
    """com uk org net co gov ac nhs sch io me tv info biz edu ie eu app ly gl be us de fr police mod scot wales
    pdf doc docx xls xlsx csv txt rtf jpg jpeg png gif heic mp4 mp3 mov zip ppt pptx html htm py""".split()
)
# A note about accounts and apps: there a dotted token of English words is a handle too ("westside.updates").
_SOCIAL_TALK = re.compile(r"\b(?:snap\w*|insta\w*|ig|tik\s?tok|twitter|discord|telegram|facebook|fb|youtube|account|accounts|page"
                          r"|profile|handle|username|follow\w*|deactivated|dm|dms)\b", re.IGNORECASE)
# A postcode typed without its space ("SW1A1AA") has a handle's leet shape; it is the postcode's.
_POSTCODE = re.compile(r"(?i:[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2})")
# A lower-case letter then a capital inside one token ("TrueGamerDad", "HbA1c").
_HUMP = re.compile(r"[a-z][A-Z]")
# Words people run into a number that are no handle ("covid19", "year2024", "route66").
_COUNTED = frozenset("covid year years route bus flat page week day term grade level room".split())
# Inner capitals mark a made-up handle ("MoPlaysFC", "xXShadowRuneXx"): a lower-case letter then a capital.
_CAMEL = r"(?=\w*(?-i:[a-z][A-Z]))[A-Za-z][A-Za-z0-9_]{3,29}(?![\w@])"


class SocialHandleRecognizer(RegexGroupRecognizer):
    """The app name is context (kept); only the handle itself is redacted."""

    ENTITY = "SOCIAL_HANDLE"
    RULES = (
        Rule("@handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.'-]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.8, needs=("@",)),
        Rule(
            "app name then handle",
            _CLEAR_APPS + _ACCOUNT + r"(?:\s*(?::|=|@|\()\s*|\s+is\s+)@?(?P<h>" + _HANDLE + ")",
            0.75,
            group="h",
        ),
        Rule(
            "app name then handle-shaped token",
            _APPS + _ACCOUNT + r"(?:\s*(?::|=|@|\(|-|,)\s*|\s+(?:is|as)\s+|\s+)@?(?P<h>" + _SHAPED + ")",
            0.7,
            group="h",
        ),
        Rule(
            "add me on app + handle",
            r"\badd\s+me\s+on\s+" + _APPS + r"\s*[:-]?\s+@?(?P<h>[A-Za-z0-9_.'-]{2,29}[A-Za-z0-9_](?![\w@]))",
            0.7,
            group="h",
        ),
        Rule(
            "followed/added X on app",
            r"\b(?:followed|follows|following|follow|added|adds|add|messaged|messages|dm'?d|dms)\s+@?(?P<h>[A-Za-z0-9_.]{3,30})\s+on\s+" + _APPS,
            0.75,
            group="h",
        ),
        Rule(
            "dotted handle (.x/.xo/.official/digits)",
            r"(?<![\w@./])(?P<h>[a-z][a-z0-9_]{2,}(?:\.[a-z0-9_]+)*\.(?:x{1,3}[0-9]{0,4}|xo[0-9]{0,4}|official|[0-9]{1,4})(?:\.[a-z0-9_]+)*)(?![\w@/])",
            0.55,
            group="h",
            needs=(".",),
        ),
        Rule(
            "add/follow me + handle-shaped token",
            r"\b(?:add|follow|dm|message|msg|inbox)\s+(?:me|him|her|them|us)?\s*[:-]?\s*@?(?P<h>" + _SHAPED + ")",
            0.6,
            group="h",
            needs=("add", "follow", "dm", "message", "msg", "inbox"),
        ),
        Rule(
            "handle-shaped or camel-case token + on app",
            r"(?<![\w@./])@?(?P<h>" + _SHAPED + "|" + _CAMEL + r")\s+on\s+(?:his\s+|her\s+|their\s+)?" + _CLEAR_APPS,
            0.7,
            group="h",
            needs=_APP_HINTS,
        ),
        Rule(  # "his name was xXdarkwolfXx": a name with a handle's inner capitals is the account's
            "name was + camel-case handle",
            r"\b(?:his|her|their|the)\s+name\s+(?:was|is)\s+['‘\"“]?(?!(?:Mc|Mac|De|Di|Da|Le|La|Van|Von)[A-Z][a-z]+\b)(?P<h>"
            + _CAMEL + ")",
            0.7, group="h", needs=("name was", "name is"), flags=0,
        ),
        Rule(
            "gamertag/username is X",
            r"\b(?:gamertag|gamer\s+tag|username|user\s+name|screen\s+name|psn\s+id|xbox\s+tag)\s*(?::|=|-|\s+is|\s+was)\s*@?(?P<h>"
            + _HANDLE + ")",
            0.7,
            group="h",
            needs=("tag", "name", "psn id"),
        ),
        Rule(  # forum and comment exports: "sunny.d wrote:", "lonelyboi03 replied:"
            "username + wrote:",
            r"(?m)^[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?@?(?P<h>[A-Za-z0-9_][A-Za-z0-9_.'-]{1,29})[ \t]+(?:wrote|posted|replied|said)[ \t]*:",
            0.7, group="h", needs=("wrote", "posted", "replied", "said"),
        ),
        Rule("dotted lower-case token", r"(?<![\w@./-])(?P<h>(?-i:[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+))(?![\w@/]|\.\w)",
             0.5, group="h", needs=(".",)),
        Rule("underscore handle", r"(?<![\w@./])(?P<h>[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?:_+[A-Za-z0-9]+)+(?:[._]+[A-Za-z0-9]+)*_*)(?![\w@/])",
             0.6, group="h", needs=("_",)),
        Rule(
            "account or page called X",
            r"\b(?:page|account|acc|profile|channel|group\s+chat|gc)\s+(?:called|named|name(?:d)?\s+is)\s+@?(?P<h>" + _HANDLE + ")",
            0.65,
            group="h",
            needs=("called", "named", "name"),
        ),
        Rule("discord tag", r"(?<![\w@.#])(?P<h>[A-Za-z][A-Za-z0-9_.]{1,31}#[0-9]{4})(?![\w#])", 0.8, group="h",
             needs=("#",)),
        Rule(  # moderation logs: "user hollowfang", "tag: bee.bubble", "Account 'TrueGamerDad77'", "gamertag xXJaydenXx"
            "user/tag/account + handle",
            r"\b(?:user|tag|gamer[ \t]?tag|account|acct|username|in-game(?:\s+name)?|ign)\b[ \t]*:?[ \t]*(?P<q>['‘\"“])?"
            r"(?P<h>[A-Za-z0-9_][A-Za-z0-9_.#-]{1,30}[A-Za-z0-9_])(?(q)['’\"”])(?![\w@])",
            0.7, group="h", needs=("user", "tag", "account", "acct", "in-game", "ign"),  # "gamertag" holds "tag"
        ),
        Rule(  # "b0nesaw", "Sh4dow", "sk1nz4free", "T4R1Q": a digit standing for a letter inside a word
            "leet-speak tag",
            r"(?<![\w@./#-])(?P<h>(?=[A-Za-z0-9_]{5,})[A-Za-z]+[013457][A-Za-z][A-Za-z0-9]*_*)(?![\w@/])",
            0.6, group="h",
        ),
        Rule(  # "tillerboyz_", "nxvy_": a trailing underscore marks a handle
            "trailing underscore",
            r"(?<![\w@./#-])(?P<h>(?-i:[a-z][a-z0-9]{3,29})_+)(?![\w@])",
            0.6, group="h", needs=("_",),
        ),
        Rule(  # "ninjafox22", "TrueGamerDad77": a made-up word run into digits
            "made-up word + digits",
            r"(?<![\w@./#-])(?P<h>(?-i:[a-z]{4,}|[A-Z][a-z]+(?:[A-Z][a-z]+)+)[0-9]{2,4})(?![\w@/])",
            0.6, group="h",
        ),
    )

    _STOP = STOP_WORDS | {"name", "someone", "people", "friends", "mates", "them", "loads", "lads", "girls", "pls", "plz", "lol", "tho", "too", "x"}

    def __init__(self, score: float | None = None, lexicon: EnglishLexicon | None = None) -> None:
        super().__init__(score=score)
        self.lexicon = lexicon

    def refine(self, text: str, start: int, end: int, rule: Rule | None = None) -> tuple[int, int] | None:
        """Drop function words ("snap: and then..."); a bare dotted token must look made up."""
        if text[start:end].lower().lstrip("@") in self._STOP:
            return None
        if rule is not None and rule.name == "dotted lower-case token" and not self._made_up(text[start:end]) \
                and not (self._word_pair(text[start:end]) and _SOCIAL_TALK.search(text)):
            return None
        if rule is not None and rule.name == "username + wrote:" and not self._username(text[start:end]):
            return None
        if rule is not None and rule.name == "user/tag/account + handle" and not self._cued(text, start, end):
            return None
        if rule is not None and rule.name == "leet-speak tag" and not self._leet(text[start:end]):
            return None
        if rule is not None and rule.name == "made-up word + digits" and not self._made_up_word(text[start:end]):
            return None
        return start, end

    def _cued(self, text: str, start: int, end: int) -> bool:
        """After "user" or "tag" a quoted token is the handle; a bare one needs a handle's shape or no English
        ("user hollowfang", not "user reported", "tag along" or "account balance")."""
        token = text[start:end]
        if start > 0 and text[start - 1] in "'‘\"“":
            return True
        if any(c.isdigit() or c in "_.#" for c in token) or _HUMP.search(token):
            return True
        return token.islower() and self.lexicon is not None and not self.lexicon.is_word(token)

    @staticmethod
    def _leet(token: str) -> bool:
        """"Sh4dow", not a postcode typed without its space ("SW1A1AA") or a lab test's name ("HbA1c")."""
        return not _POSTCODE.fullmatch(token) and sum(c.isalpha() for c in token) >= 3 \
            and not _HUMP.search(token)

    def _made_up_word(self, token: str) -> bool:
        """"ninjafox22" but not "covid19", "room12" or "year2024": the letters are no English word."""
        letters = token.rstrip("0123456789")
        if letters.lower() in LETTERED or letters.lower() in _COUNTED:
            return False
        return letters[0].isupper() or self.lexicon is None or not self.lexicon.is_word(letters)

    def _username(self, token: str) -> bool:
        """A username, not a person or role quoted in an email ("Dad wrote:", "Mum said:"): a digit, an
        underscore or a dot, or no English word."""
        if any(c.isdigit() or c in "_." for c in token):
            return True
        return self.lexicon is not None and not self.lexicon.is_word(token.lower()) and token[0].islower()

    @staticmethod
    def _word_pair(token: str) -> bool:
        """"westside.updates", "roman.lz": parts of a handle, not a web address, a file, an abbreviation or a
        sentence run on at a missing space ("home.she")."""
        parts = token.split(".")
        return parts[-1] not in _DOMAIN_OR_FILE and not all(len(p) <= 2 for p in parts) \
            and not any(p.strip("_") in STOP_WORDS for p in parts) and any(c.isalpha() for c in parts[-1])

    def _made_up(self, token: str) -> bool:
        """"fenwick.gyalz", "mb.larky", "ziggy.kxng2": not a web address or file ("bbc.co.uk", "notes.docx"),
        an abbreviation ("e.g", "a.m"), a number, or words run together at a missing space ("home.she")."""
        parts = token.split(".")
        if len(parts) >= 3 and parts[-1] not in _DOMAIN_OR_FILE and any(len(p) >= 4 for p in parts):
            return True  # "amber.b.boxes": three parts with a word in them is no abbreviation
        if parts[-1] in _DOMAIN_OR_FILE or all(len(p) <= 2 for p in parts) or not any(c.isalpha() for c in parts[-1]):
            return False
        words = [p.strip("_") for p in parts]
        if any(w in STOP_WORDS for w in words[1:]):
            return False  # "home.she", "there.the": a sentence run on
        english = self.lexicon.is_word if self.lexicon is not None else (lambda w: False)
        return not all(english(w) for w in words) or any(c.isdigit() or c == "_" for c in token)
