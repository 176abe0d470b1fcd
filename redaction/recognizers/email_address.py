"""Email addresses, including those at UK school domains ("office@oakfield.sch.uk").

Why not Presidio's EmailRecognizer as it ships: it keeps a match only when `tldextract` finds a
registrable domain, and the public suffix list has the wildcard `*.sch.uk`, so every address at a
school's own domain was judged not an email and left in clear. The shape check here needs only a
dotted domain ending in letters. An address cut off after its "@" is removed too. The config gates it
(`gate`, as for Presidio's own recognizers): most notes hold no "@".
"""
from __future__ import annotations

import re

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import EmailRecognizer

_DOMAIN = re.compile(r"@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,24}$")
# An address cut short in a note ("kayluvsyou2008@…") still names its owner.
_CUT = Pattern("address cut after the @", r"(?<![\w.+-])[\w.+-]{3,}@(?:…|\.\.\.)", 0.6)


class EmailAddressRecognizer(EmailRecognizer):
    """Presidio's email pattern and context; the domain is checked by shape, not against the suffix list."""

    def __init__(self, score: float | None = None) -> None:
        super().__init__(patterns=[*EmailRecognizer.PATTERNS, _CUT])
        if score is not None:
            self.patterns = [Pattern(p.name, p.regex, score) for p in self.patterns]

    def validate_result(self, pattern_text: str) -> bool:
        return pattern_text.endswith(("@…", "@...")) or bool(_DOMAIN.search(pattern_text))
