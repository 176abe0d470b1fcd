"""Is this lowercase token an English word? Decides whether an unknown lowercase token may be a name.

Uses the WordNet-derived lemma index that ships inside the installed spaCy model's lemmatizer (no
extra data, no download; read from its folder, so a redactor that runs only the names model need
not load the installed one), plus crude suffix stripping because the index holds base forms only.
"""
from __future__ import annotations

from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.lookups import Lookups
from spacy.util import get_package_path, is_package

_SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"),
             ("er", ""), ("ly", ""), ("est", ""), ("n't", ""), ("'s", ""))


# Chat spellings that are not names (the lemma tables do not know them).
SLANG = frozenset(
    """lol btw tbh idk dont cant wont didnt doesnt isnt wasnt arent im ive ill youre theyre gonna gnna wanna
    gotta innit nah yeah ya yh u ur r pls plz thx ty omg smh ngl fr lmao rn nite gud cuz coz bc tho thru
    sum1 some1 any1 every1 haha lmk wyd hbu bruh bro fam mandem peng bare wagwan init ye yea yep nope aint
    everybody somebody anybody nobody lowkey highkey vape vapes vaping app apps selfie selfies emoji emojis meme memes
    sus bruv bae deffo defo obvs tbf imo irl ikr hmu fomo vibe vibes hols telly ciggies ciggy bday sesh""".split()
)


# Titles, police ranks and roles written before a surname ("Mrs Okafor", "PC Hodge", "Coach Dele", "Imam Yusuf"), cased
# as notes write them: one list for the rules that find a titled name, keep it, and never carry a title alone as a name.
# Sister and Brother are not among them: they are kin words too.
TITLES_CASED = ("Mrs", "Mr", "Ms", "Miss", "Dr", "Mx", "PCSO", "PC", "DCI", "DC", "DS", "DI", "Sgt", "Insp", "Inspector",
                "Sergeant", "Constable", "Detective", "Officer", "Councillor", "Coach", "Cllr", "Prof", "Cdt", "Capt", "Cpl",
                "Lt", "Revd", "Rev", "Pastor", "Imam", "Rabbi", "Br", "Sr", "Fr", "Sheikh", "Ustadh", "Ustadha", "Canon",
                "Deacon")
TITLES = frozenset(t.lower() for t in TITLES_CASED) | {"sir"}  # "Sir" only as notes address a teacher ("sir said")
# Irregular past tenses that, after a capitalised word opening a sentence, say it is someone doing something
# ("Bartek drove", "Lorraine ran the raffle"); read by the names gazetteer and the one-word filter.
PAST_TENSE = frozenset("knew drove ran won made took gave sent brought kept saw met wrote bought found heard".split())
# Words a single letter names a kind of ("Plan B", "Grade C", "Ward 4A"): the letter is no person's initial.
LETTERED = frozenset("""grade grades plan type vitamin hepatitis hep block ward level part section option room class group set
    team bay gate platform exit zone wing floor category cat step stage phase tier route size cup unit appendix annex
    exhibit form site""".split())


# How English place and school names end ("holbrook", "coastway", "harbourgate", "ashgrove", "thornleigh"), as a regex
# alternation: a lower-case word that no dictionary knows and ends so is more likely a name than jargon ("shul", "acct").
TOPONYM_ENDINGS = (
    r"(?:brook|ford|ham|ton|ley|leigh|bury|field|worth|thorpe|wick|by|dale|mere|moor|well|gate|wood|way|side|hill"
    r"|mead|vale|grove|bridge|holme|croft|ridge|stone|lands?|hurst|combe|cliffe?|bank|green|lea|den|stead|borough"
    r"|lane|fields)"
)
# British spellings and words the (American) WordNet tables lack ("Young Carers", "Neighbour").
BRITISH = frozenset(
    """carer carers colour colours favour favourite behaviour neighbour neighbours labour honour humour rumour harbour
    centre centres theatre metre metres programme programmes organise organised realise realised recognise apologise
    prioritise travelling counselling cancelled defence licence offence practise grey kerb tyre pyjamas mum mums nan
    nans telly jumper trainers""".split()
)


class EnglishLexicon:
    """Base forms from the model's lemma tables; unknown tokens are candidate names in name contexts."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    @classmethod
    def from_model(cls, model: str) -> EnglishLexicon:
        """Read the lemmatizer's lookup tables from an installed spaCy model package or a model
        folder, without loading the model (empty lexicon if it has none)."""
        words: set[str] = set(STOP_WORDS) | SLANG | BRITISH
        folder = Path(model)
        if not folder.is_dir() and is_package(model):
            package = get_package_path(model)
            folder = next((p for p in sorted(package.iterdir()) if (p / "config.cfg").is_file()), package)
        tables = folder / "lemmatizer" / "lookups"
        if not (tables / "lookups.bin").is_file():
            return cls(frozenset(words))
        lookups = Lookups().from_disk(tables)
        for table_name in ("lemma_index", "lemma_exc"):
            if lookups.has_table(table_name):
                for entries in lookups.get_table(table_name).values():
                    words.update(entries if isinstance(entries, (list, tuple)) else entries.keys())
        return cls(frozenset(w.lower() for w in words if isinstance(w, str)))

    def is_word(self, token: str) -> bool:
        """True for English words and their regular inflections ("walked", "messages")."""
        low = token.lower()
        if low in self.words or len(low) <= 2:
            return True
        for suffix, repl in _SUFFIXES:
            if low.endswith(suffix) and low[: -len(suffix)] + repl in self.words:
                return True
        if low.endswith(("ed", "ing")) and len(low) > 5:
            stem = low[:-2] if low.endswith("ed") else low[:-3]
            if len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in self.words:
                return True
        return False
