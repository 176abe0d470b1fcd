"""Augmenters for the names model: names cased as chat types them, and names swapped for unseen ones.

A model that has seen "Nadia" two hundred times learns the word, not the place a name stands in.
Swapping each gold name for another (a census first name and surname, or an invented word built
from syllables) teaches the context ("gave her number", "me n ___"); round 1's misses were names
the training data never held.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from spacy.language import Language
from spacy.training import Example

LABEL = "PERSON"
_CONFIG = Path(__file__).resolve().parents[1] / "redaction" / "config"
_ONSETS = ["b", "br", "ch", "d", "f", "g", "j", "k", "kw", "l", "m", "n", "p", "qu", "r", "s", "sh", "t", "th", "v",
           "w", "z", "zh", ""]
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ee", "oo", "ay", "y"]
_CODAS = ["", "", "", "", "n", "r", "l", "s", "k", "nd", "x", "sh"]


def census_words(name: str, limit: int) -> list[str]:
    """The first `limit` words of a census list in redaction/config (most common first)."""
    words = [w.strip() for w in (_CONFIG / name).read_text(encoding="utf-8").splitlines()
             if w.strip() and not w.startswith("#")]
    return words[:limit]


def invented_word(rng: random.Random) -> str:
    """A pronounceable word no list holds ("Zhaikwen"), so the model must use the context."""
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
                   for _ in range(rng.choice([1, 2, 2]))).capitalize()


def name_case_augmenter(level: float):  # type: ignore[no-untyped-def]
    """Lower-case (mostly) or upper-case only the names in a text: how names arrive in chat."""
    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        ents = [(e.start_char, e.end_char) for e in example.reference.ents if e.label_ == LABEL]
        if not ents or random.random() >= level:
            yield example
            return
        upper = random.random() < 0.15
        text = list(example.text)
        for s, e in ents:
            text[s:e] = list("".join(text[s:e]).upper() if upper else "".join(text[s:e]).lower())
        new = "".join(text)
        if len(new) != len(example.text):
            yield example  # a letter whose case change alters the length ("ß" -> "SS")
            return
        ref = example.reference
        yield Example.from_dict(nlp.make_doc(new), {
            "words": [new[t.idx:t.idx + len(t.text)] for t in ref], "spaces": [bool(t.whitespace_) for t in ref],
            "tags": [t.tag_ for t in ref], "entities": [(e.start_char, e.end_char, e.label_) for e in ref.ents]})
    return augment


def capitalise_words_augmenter(level: float, share: float = 0.15, seed: int = 0):  # type: ignore[no-untyped-def]
    """Title-case some ordinary words ("the Staff were Kind"): a capital letter alone does not make a name.

    Feedback and chat capitalise words at random; a model that took every capital for a name gave
    hospital comments phantom people ("Calm", "Driver")."""
    rng = random.Random(seed)

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        ref = example.reference
        if rng.random() >= level:
            yield example
            return
        words = [t.text.capitalize() if t.ent_iob_ == "O" and t.is_alpha and t.is_lower and rng.random() < share
                 else t.text for t in ref]
        text = "".join(w + t.whitespace_ for w, t in zip(words, ref))
        yield Example.from_dict(nlp.make_doc(text), {
            "words": words, "spaces": [bool(t.whitespace_) for t in ref], "tags": [t.tag_ for t in ref],
            "entities": [(e.start_char, e.end_char, e.label_) for e in ref.ents]})
    return augment


def name_swap_augmenter(level: float, seed: int = 0):  # type: ignore[no-untyped-def]
    """Replace every PERSON in a text with a different name: census names (half) or invented words."""
    rng = random.Random(seed)
    firsts, surnames = census_words("census_first_names.txt", 5000), census_words("census_surnames.txt", 20000)

    def new_name(old_words: int) -> list[str]:
        invented = rng.random() < 0.5
        first = invented_word(rng) if invented else rng.choice(firsts).capitalize()
        if old_words == 1:
            return [first]
        last = invented_word(rng) if invented else rng.choice(surnames).capitalize()
        return [first, last]

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        ref = example.reference
        ents = {e.start: e for e in ref.ents}
        if not any(e.label_ == LABEL for e in ents.values()) or rng.random() >= level:
            yield example
            return
        words, spaces, tags, entities, text, i = [], [], [], [], "", 0
        while i < len(ref):
            ent = ents.get(i)
            if ent is not None and ent.label_ == LABEL:
                start = len(text)
                name = new_name(len(ent))
                for j, word in enumerate(name):
                    last = j == len(name) - 1
                    words.append(word)
                    spaces.append(bool(ref[ent.end - 1].whitespace_) if last else True)
                    tags.append("NNP")
                    text += word + (" " if spaces[-1] else "")
                entities.append((start, start + len(" ".join(name)), LABEL))
                i = ent.end
                continue
            if ent is not None:
                entities.append((len(text), len(text) + len(ent.text), ent.label_))
            for token in ref[i:ent.end] if ent is not None else [ref[i]]:
                words.append(token.text)
                spaces.append(bool(token.whitespace_))
                tags.append(token.tag_)
                text += token.text_with_ws
            i = ent.end if ent is not None else i + 1
        yield Example.from_dict(nlp.make_doc(text), {"words": words, "spaces": spaces, "tags": tags,
                                                     "entities": entities})
    return augment
