"""The attackers: for every hidden note set, the subtractions of published views that differ by
exactly its notes, and what each attacker makes of them (one subtraction, the average, the Bayes
attacker who knows the method and both priors), scored against guessing the commonest count."""
from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np

from evaluation.differencing_methods import publication
from evaluation.differencing_store import Atoms, bits, count_of, publish
from voice import cellkey

ATTACKS = ("shown elsewhere", "one subtraction", "average", "Bayes")


def subtractions(target: int, shown: dict[int, int], by_atom: dict[int, list[int]]) -> list[tuple[int, int]]:
    """(v(A minus target), v(A)) for every published A that holds the target's notes and more."""
    low = (target & -target).bit_length() - 1  # any atom of the target: A must contain it
    out = []
    for a in by_atom.get(low, ()):
        if a != target and a & target == target and (a & ~target) in shown:
            out.append((shown[a & ~target], shown[a]))
    return out


class Bayes:
    """The most likely hidden count given every subtraction, the method (table and rounding),
    the fact that the cell is hidden, the true spread of hidden counts and of shown counts:
    stronger than any real attacker. P(v(B), v(A) | n, k) sums over B's true count and cell key u
    the chance that B publishes v(B) and B plus the hidden notes (count n, key k) publishes v(A)."""

    def __init__(self, pub: np.ndarray, prior: dict[int, float], shown_counts: Counter) -> None:
        self.pub = pub
        self.ns = np.array(sorted(prior))
        self.prior = np.array([prior[n] for n in self.ns])
        self.nb = np.array(sorted(c for c in shown_counts if c + self.ns.max() < len(pub)))
        self.pb = np.array([shown_counts[c] for c in self.nb], dtype=float)
        self.pb /= self.pb.sum()
        self.hiding = [np.nonzero(pub[n] == -1)[0] for n in self.ns]
        self.cache: dict[tuple[int, int], np.ndarray] = {}

    def likelihood(self, v_b: int, v_a: int) -> np.ndarray:
        """P(v_b, v_a | n, k) up to a constant, for every hidden count n and key k (circular
        correlation over u by FFT)."""
        if (v_b, v_a) not in self.cache:
            out = np.zeros((len(self.ns), cellkey.KEY_SPACE))
            for x in np.nonzero((self.pub[self.nb] == v_b).any(axis=1))[0]:
                b = self.nb[x]
                fb = np.conj(np.fft.fft(self.pub[b] == v_b))
                fa = np.fft.fft(self.pub[b + self.ns] == v_a, axis=1)
                out += self.pb[x] * np.real(np.fft.ifft(fb[None, :] * fa, axis=1))
            self.cache[(v_b, v_a)] = np.maximum(out, 0).astype(np.float32)
        return self.cache[(v_b, v_a)]

    def guess(self, obs: list[tuple[int, int]]) -> int:
        like = np.ones((len(self.ns), cellkey.KEY_SPACE))
        for v_b, v_a in obs:
            like = like * self.likelihood(v_b, v_a)
            like /= like.max() or 1.0
        post = self.prior * np.array([like[i, keys].mean() if len(keys) else 0.0
                                      for i, keys in enumerate(self.hiding)])
        return int(self.ns[np.argmax(post)])


def attack_store(atoms: Atoms, queried: list, counts: list[int], threshold: int, mode: str
                 ) -> tuple[list[dict], Counter]:
    """One row per distinct hidden note set (its true count and the subtractions an attacker
    can make), and the true counts of the shown sets."""
    facts = publish(atoms, queried, threshold, mode)
    shown_values = {m: {v for v in vals if v is not None} for m, vals in facts.items()}
    shown = {m: next(iter(v)) for m, v in shown_values.items() if v}
    by_atom: dict[int, list[int]] = defaultdict(list)
    for m in shown:
        for i in bits(m):
            by_atom[i].append(m)
    rows = []
    for m, vals in facts.items():
        n = count_of(m, counts)
        if None in vals and n > 0:
            rows.append(dict(mode=mode, true=n, shown=sorted(shown_values[m]), obs=subtractions(m, shown, by_atom)))
    return rows, Counter(count_of(m, counts) for m in shown)


def score(rows: list[dict], shown_counts: Counter, threshold: int, mode: str, sets: int) -> dict[str, float]:
    """Share of hidden counts each attacker recovers exactly, against guessing the commonest."""
    truth = Counter(r["true"] for r in rows)
    prior = {n: c / sum(truth.values()) for n, c in truth.items()}
    commonest = max(prior, key=prior.get)
    bayes = None if mode.startswith("suppression") else Bayes(
        publication(mode, threshold, max(shown_counts) + max(truth)), prior, shown_counts)
    hits = Counter()
    lead = []  # per hidden count: Bayes hit minus guessing hit (paired, for the interval)
    for r in rows:
        n, obs = r["true"], r["obs"]
        ds = [v_a - v_b for v_b, v_a in obs]
        hits["shown elsewhere"] += n in r["shown"]
        hits["one subtraction"] += bool(ds) and ds[0] == n
        hits["average"] += bool(ds) and round(sum(ds) / len(ds)) == n
        if bayes is None:  # plain suppression: a shown value or any subtraction is the count itself
            guess = r["shown"][0] if r["shown"] else ds[0] if ds else commonest
        else:
            guess = bayes.guess(obs)
        hits["Bayes"] += guess == n
        hits["guess"] += commonest == n
        lead.append(int(guess == n) - int(commonest == n))
    total = len(rows) or 1
    out = {a: hits[a] / total for a in ATTACKS + ("guess",)}
    out["lead"] = float(np.mean(lead)) if lead else 0.0  # Bayes minus guessing, +- 1.96 standard errors:
    out["lead 95%"] = 1.96 * float(np.std(lead)) / np.sqrt(len(lead)) if lead else 0.0  # the run's sampling noise
    out["with a subtraction"] = sum(bool(r["obs"]) for r in rows) / total
    out["mean subtractions"] = sum(len(r["obs"]) for r in rows) / total
    out["hidden"] = len(rows)
    out["hidden share"] = len(rows) / (sets or 1)
    return out
