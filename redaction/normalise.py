"""Characters that hide an identifier from the recognizers but not from a reader.

Text pasted from Word, PDFs, web pages and phone keyboards carries characters a reader never notices:
a soft hyphen inside a surname ("Oka\\u00adfor" shows as "Okafor"), a zero-width space, full-width
digits ("０７７００ ９００１２３"), an en dash between a number's groups ("07700–900123", "DOB
03–09–2007"). Each of those made an identifier invisible to the recognizers while a person reading
the redacted note still saw it. The recognizers read a normalised copy instead: invisible characters
dropped, full-width letters and digits as ASCII, a dash between two digits as "-". Every character
of the copy remembers where it came from, so spans map back to the text as written, and the redacted
text is cut from that (an invisible character inside a removed name goes with it).

Text with none of these characters is read as it is (the common case costs one regex search).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Soft hyphen, Mongolian vowel separator, zero-width space / non-joiner / joiner, word joiner, BOM.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_FULL_WIDTH = "\uff01-\uff5e"  # full-width "!" to "~", ASCII 0x21-0x7e shifted by 0xfee0
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen, non-breaking hyphen, figure dash, en/em dash, bar, minus
_CANDIDATE = re.compile(f"[{_INVISIBLE}{_FULL_WIDTH}{_DASHES}]")  # one character class: a fast scan


@dataclass(frozen=True)
class Normalised:
    """The copy the recognizers read, and for each of its characters the offset it came from."""

    text: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """A non-empty [start, end) of the copy as offsets in the text as written (characters dropped inside
        it come along)."""
        return self.origin[start], self.origin[end - 1] + 1


def normalise(text: str) -> Normalised | None:
    """The copy to read, or None when the text has nothing to normalise."""
    if not any(m.group() not in _DASHES or _between_digits(text, m.start()) for m in _CANDIDATE.finditer(text)):
        return None  # none at all, or only dashes used as punctuation ("Harrowfield – the estate")
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if "\uff01" <= ch <= "\uff5e":
            ch = chr(ord(ch) - 0xFEE0)
        elif ch in _DASHES and _between_digits(text, i):
            ch = "-"
        chars.append(ch)
        origin.append(i)
    return Normalised("".join(chars), tuple(origin))


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and _digit(text[i - 1]) and _digit(text[i + 1])


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9" or "\uff10" <= ch <= "\uff19"
