"""Lower-case names read again with a capital: "where's kishan ?", "big man dre runs the bus station".

The names model learned most of what it knows about names from capitals, so a name typed in lower
case is often missed. In a note typed without capitals ("i" as a pronoun, sentences opening in
lower case), words that are not English, a function word, a decoy, a typo of an English word
("thoroguh"), two English words run together ("screenshot") or vowel-less ("cctv") are given a
capital; the note is read again by the same model, and a PERSON it then finds on such a word becomes
a candidate like any bare guess: the filters and the place policy still judge it. A note typed with
capitals is not read again: its writer would have capitalised a name, so a lower-case unknown word
there is jargon or a typo. Only notes holding such a word are read twice, in one extra batch.
"""
from __future__ import annotations

import re
import string
from collections.abc import Sequence

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from redaction.lexicon import EnglishLexicon
from redaction.policy import Candidate

RECOGNIZER = "TruecasedNer"
WHY = "lower-case word the names model reads as a name once capitalised"
# Whole lower-case words, not inside handles, addresses, hashtags or words with digits.
_LOWER_WORD = re.compile(r"(?<![\w@#'’.])[a-z][a-z'’]{2,}(?![\w@])")
_LETTERS = string.ascii_lowercase
_TYPO_MIN = 5  # shorter words sit one letter from some English word whatever they are
_VOWEL = re.compile(r"[aeiouy]")
_WINDOW = 12
_PRONOUN_I = re.compile(r"(?<![\w'’])i(?=['’]?(?:m|ve|ll|d)?\b)(?![.\w-])")
_OPENING = re.compile(r"(?:^|[.!?]\s+|\n\s*)([A-Za-z])")


def _casual(text: str) -> bool:
    """Typed without the capitals: "i" as a pronoun, or most sentences opening in lower case."""
    if _PRONOUN_I.search(text):
        return True
    openings = [m.group(1) for m in _OPENING.finditer(text)]
    return bool(openings) and sum(c.islower() for c in openings) * 2 > len(openings)


def _windows(doc: Doc, variant: str) -> list[tuple[int, int]]:
    """Character ranges to read again: _WINDOW tokens either side of each capitalised word, merged.
    The model sees a few tokens either side of a word, so reading the window, not the whole note,
    gives the same answer there for a fraction of the cost."""
    text = doc.text
    ranges: list[tuple[int, int]] = []
    for token in doc:
        if variant[token.idx] != text[token.idx]:
            first, last = doc[max(0, token.i - _WINDOW)], doc[min(len(doc) - 1, token.i + _WINDOW)]
            start, end = first.idx, last.idx + len(last.text)
            if ranges and start <= ranges[-1][1]:
                ranges[-1] = (ranges[-1][0], max(end, ranges[-1][1]))
            else:
                ranges.append((start, end))
    return ranges


class TruecaseReader:
    """Finds PERSON spans the model sees only once unknown lower-case words are capitalised."""

    def __init__(self, nlp: Language, lexicon: EnglishLexicon, blocked: set[str], batch_size: int) -> None:
        """`blocked`: lower-cased words never taken for a name (the config's allow list and decoys)."""
        self.nlp = nlp
        self.lexicon = lexicon
        self.blocked = frozenset(blocked)
        self.batch_size = batch_size

    def candidates(self, docs: Sequence[Doc | object]) -> list[list[Candidate]]:
        """One list per input (empty where no word qualifies or the input failed to parse)."""
        found: list[list[Candidate]] = [[] for _ in docs]
        pieces: list[tuple[int, int, str]] = []  # (input, offset, text read again)
        for i, doc in enumerate(docs):
            if isinstance(doc, Doc) and (variant := self._variant(doc.text)) is not None:
                pieces += [(i, s, variant[s:e]) for s, e in _windows(doc, variant)]
        if not pieces:
            return found
        for (i, offset, piece), reread in zip(pieces, self.nlp.pipe([p for _, _, p in pieces], batch_size=self.batch_size)):
            original = docs[i].text
            for ent in reread.ents:
                if ent.label_ != "PERSON":
                    continue
                changed = [t for t in ent if t.text != original[offset + t.idx:offset + t.idx + len(t.text)]]
                if changed:
                    start, end = offset + changed[0].idx, offset + changed[-1].idx + len(changed[-1].text)
                    found[i].append(Candidate(start, end, "PERSON", 0.5, RECOGNIZER, WHY))
        return found

    def _variant(self, text: str) -> str | None:
        """The text with each qualifying lower-case word capitalised (same length), or None; None too
        for a text typed with capitals where they belong, whose writer would have capitalised a name."""
        if not _casual(text):
            return None
        chars = list(text)
        for match in _LOWER_WORD.finditer(text):
            if self._qualifies(match.group(0)):
                chars[match.start()] = chars[match.start()].upper()
        variant = "".join(chars)
        return variant if variant != text else None

    def _qualifies(self, word: str) -> bool:
        low = word.rstrip("'’")
        if low in STOP_WORDS or low in self.blocked or self.lexicon.is_word(low) or not _VOWEL.search(low):
            return False  # "cctv", "ppl": no vowel, no name
        if self._two_english_words(low):
            return False  # "screenshot", "caseload", "pushbike"
        return len(low) < _TYPO_MIN or not self._one_edit_from_english(low)

    def _two_english_words(self, word: str) -> bool:
        """"screen|shot", "case|load": two English words of four letters or more."""
        return any(self.lexicon.is_word(word[:i]) and self.lexicon.is_word(word[i:]) for i in range(4, len(word) - 3))

    def _one_edit_from_english(self, word: str) -> bool:
        """A letter dropped, swapped or added gives an English word ("thoroguh", "funnie"). A changed
        letter is not tried: the lemma index holds rare proper nouns, one letter from many names."""
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        edits = [a + b[1:] for a, b in splits if b]
        edits += [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
        edits += [a + c + b for a, b in splits for c in _LETTERS]
        words = self.lexicon.words  # base forms only: a set lookup per edit, not the suffix rules
        return any(len(e) > 2 and e in words for e in edits if e != word)
