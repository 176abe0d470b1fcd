"""Social media handles: @names and "snap: x" / "insta x" style mentions."""
from __future__ import annotations

from redaction.recognizers.base import RegexGroupRecognizer, Rule

_APPS = r"(?:snap(?:chat)?|sc|insta(?:gram)?|ig|tik\s?tok|tt|twitter|x|threads|discord|telegram|fb|facebook|kik|yubo)"


class SocialHandleRecognizer(RegexGroupRecognizer):
    """The app name is context (kept); only the handle itself is redacted."""

    ENTITY = "SOCIAL_HANDLE"
    RULES = (
        Rule("@handle", r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])", 0.8),
        Rule(
            "app name then handle",
            _APPS + r"(?:\s+(?:name|handle|username|user|id))?\s*(?:is|:|-|=|@)\s*@?(?P<h>[A-Za-z0-9_.]{2,30}[A-Za-z0-9_])",
            0.75,
            group="h",
        ),
        Rule(
            "app name then handle-like token",
            _APPS + r"\s+(?P<h>(?=[A-Za-z0-9_.]*[0-9_.])[A-Za-z][A-Za-z0-9_.]{2,29})(?![\w@])",
            0.7,
            group="h",
        ),
    )

    _STOP = frozenset({"is", "and", "the", "or", "but", "was", "too", "then", "name", "me", "him", "her"})

    def validate(self, text: str, start: int, end: int) -> bool:
        """Drop handles that are plain function words ("snap: and then...")."""
        return text[start:end].lower().lstrip("@") not in self._STOP
