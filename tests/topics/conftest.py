"""Fixtures for topic discovery: a small themed corpus, sockets blocked, one shared embedder."""
from __future__ import annotations

import random
import socket

import pytest

# Invented, already-redacted notes: each cluster uses its own words so a working pipeline
# separates them; `climate` is deliberately outside the safeguarding taxonomy.
CLUSTERS: dict[str, dict[str, list[str]]] = {
    "exploitation": {
        "who": ["<PERSON> said", "YP disclosed", "worker noted", "he told us", "<PERSON> mentioned"],
        "what": ["older males gave him cash and a new phone", "asked to carry a package to another town",
                 "owes a drug debt to older lads", "picked up in cars and driven out of town",
                 "county lines contact who pays him to hold items", "given trainers and money by older boys"],
        "tail": ["after the session", "this week", "again", "at the drop-in", "on Friday"],
    },
    "online": {
        "who": ["<PERSON> said", "she told us", "YP shared", "young person reported", "<PERSON> showed us"],
        "what": ["a stranger keeps messaging her on snapchat", "someone shared her pictures in a group chat",
                 "an adult contacted him through a gaming app", "nudes being sent around on instagram",
                 "unknown accounts adding her online", "being bullied in a whatsapp group"],
        "tail": ["late at night", "since the weekend", "on her phone", "most days", "again"],
    },
    "climate": {
        "who": ["the group said", "<PERSON> said", "young people told us", "we discussed", "one girl said"],
        "what": ["worried about climate change and the planet heating up",
                 "flooding and extreme weather make them anxious about the future",
                 "want more recycling, trees and less pollution",
                 "scared the ice caps are melting and sea levels rising",
                 "climate strike and carbon emissions from factories", "wildfires and heatwaves on the news"],
        "tail": ["at the youth forum", "in the consultation", "during the workshop", "today", "a lot"],
    },
}


def make_docs(n_per_cluster: int, seed: int = 0, clusters: tuple[str, ...] = tuple(CLUSTERS)) -> tuple[list[str], list[str]]:
    """n_per_cluster redacted-looking notes per cluster and their cluster names, shuffled."""
    rng = random.Random(seed)
    rows = []
    for name in clusters:
        parts = CLUSTERS[name]
        for _ in range(n_per_cluster):
            rows.append((f"{rng.choice(parts['who'])} {rng.choice(parts['what'])} {rng.choice(parts['tail'])}.", name))
    rng.shuffle(rows)
    return [d for d, _ in rows], [c for _, c in rows]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a socket fails the test: embeddings and topics must work offline."""
    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def static_embedder():
    """Loading the committed static model once keeps the folder fast."""
    from voice.themes.embeddings import StaticEmbedder

    return StaticEmbedder()
