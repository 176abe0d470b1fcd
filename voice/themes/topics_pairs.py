"""Eight domain paraphrase pairs for choosing an embedding backend.

Why: the topic model needs embeddings that put differently worded notes about the same
concern together. Each pair says one thing twice with few shared words (one in a worker's
register, one in a young person's), so lexical backends score low and semantic ones high.
All text is invented; no real young person's words.
"""
from __future__ import annotations

PARAPHRASE_PAIRS: list[tuple[str, str]] = [
    ("YP reports feeling unsafe walking past the bus station after dark.",
     "that bus stop is proper scary at night, i never walk by it"),
    ("Older males have been giving him cash and a new phone.",
     "some older lads keep buying him stuff and gave him money"),
    ("YP missing from placement for two nights, reported to police.",
     "she ran away from the care home and didnt come back all weekend"),
    ("Young people say there are no activities for them in the evenings.",
     "theres literally nothing to do round here after school"),
    ("Stopped and searched by officers while sitting in the park.",
     "the feds pulled us up and checked our pockets for no reason"),
    ("An unknown adult has been contacting her on social media.",
     "some random man keeps messaging me on snap and i dont know him"),
    ("Permanently excluded from school and awaiting alternative provision.",
     "got kicked out of my academy and now im waiting for a new place"),
    ("Ongoing conflict between parents at home is affecting him.",
     "my mum and dad are always shouting at each other and it does my head in"),
]
