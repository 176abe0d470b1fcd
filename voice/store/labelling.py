"""Analyst workbench queries: individual redacted notes, labels and agreement (analysts and admins only)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from sqlalchemy import delete, distinct, func, insert, select

from voice.store.db import Database
from voice.errors import UserError
from voice.store.models import AuditLog, Label, Note, NoteTheme, NoteThemeReview, TopicMapping
from voice.store.uploads import visible

@dataclass(frozen=True)
class NoteToLabel:
    id: int
    text: str
    kind: str
    area: str
    period: str
    suggested: dict[str, float]
    mine: dict[str, bool]


def notes_to_label(db: Database, annotator: str, limit: int = 10,
                   rank: Callable[[Mapping[int, Mapping[str, float]]], list[int]] | None = None) -> list[NoteToLabel]:
    """Notes this annotator has not labelled: first those another analyst labelled (so agreement
    can be measured), then those the model is least sure of. `rank` orders note ids from their
    stored tagged and needs-review scores (the workbench passes
    `voice.themes.review.rank_for_labelling`; the store never imports the theme stage); without
    it, notes come in order of their score closest to 0.5."""
    mine = select(Label.note_id).where(Label.annotator == annotator)
    with db.session() as s:
        ids = list(s.scalars(select(distinct(Label.note_id)).where(Label.annotator != annotator,
                                                                    Label.note_id.not_in(mine))
                             .order_by(Label.note_id).limit(limit)))
        if len(ids) < limit:
            scored: dict[int, dict[str, float]] = defaultdict(dict)
            for table in (NoteThemeReview, NoteTheme):
                for nid, theme, score in s.execute(
                        select(table.note_id, table.theme_id, table.score).where(table.note_id.not_in(mine))
                        .order_by(func.abs(table.score - 0.5), table.note_id).limit(20 * limit)):
                    scored[nid][theme] = score
            ranked = rank(scored) if rank else list(scored)
            ids += [i for i in ranked if i not in ids][:limit - len(ids)]
        rows = {r[0]: r for r in s.execute(select(Note.id, Note.text, Note.kind, Note.area, Note.period)
                                           .where(Note.id.in_(ids), visible()))}
        tags: dict[int, dict[str, float]] = defaultdict(dict)
        for nid, theme, score in s.execute(select(NoteTheme.note_id, NoteTheme.theme_id, NoteTheme.score)
                                           .where(NoteTheme.note_id.in_(ids))):
            tags[nid][theme] = score
    return [NoteToLabel(*rows[i], tags.get(i, {}), {}) for i in ids if i in rows]


def save_labels(db: Database, note_id: int, annotator: str, decisions: dict[str, bool]) -> int:
    """Replace this annotator's labels on one note with `decisions` (theme -> present)."""
    with db.session() as s:
        s.execute(delete(Label).where(Label.note_id == note_id, Label.annotator == annotator))
        if decisions:
            s.execute(insert(Label), [dict(note_id=note_id, theme_id=t, annotator=annotator, present=p)
                                      for t, p in decisions.items()])
    return len(decisions)


def label_summary(db: Database) -> list[dict]:
    """How much each annotator has labelled."""
    with db.session() as s:
        rows = s.execute(select(Label.annotator, func.count(distinct(Label.note_id)), func.count())
                         .group_by(Label.annotator).order_by(Label.annotator)).all()
    return [dict(annotator=a, notes=n, labels=k) for a, n, k in rows]


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float | None:
    """Cohen's kappa for two annotators' yes/no decisions on the same items (None if undefined)."""
    n = len(a)
    if n == 0 or n != len(b):
        return None
    observed = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def agreement(db: Database) -> list[dict]:
    """Kappa for every pair of annotators over the (note, theme) decisions both made."""
    with db.session() as s:
        rows = s.execute(select(Label.annotator, Label.note_id, Label.theme_id, Label.present)).all()
    by_person: dict[str, dict[tuple[int, str], bool]] = defaultdict(dict)
    for who, nid, theme, present in rows:
        by_person[who][(nid, theme)] = bool(present)
    people = sorted(by_person)
    out = []
    for i, x in enumerate(people):
        for y in people[i + 1:]:
            items = sorted(set(by_person[x]) & set(by_person[y]))
            if items:
                out.append(dict(first=x, second=y, decisions=len(items),
                                notes=len({nid for nid, _ in items}),
                                kappa=cohen_kappa([by_person[x][k] for k in items], [by_person[y][k] for k in items])))
    return out


def map_topic(db: Database, topics_version: str, topic_id: int, actor: str, *, theme_id: str | None = None,
              proposed_theme: str | None = None) -> None:
    """Record that a topic belongs to a theme, or propose a new theme for it (one of the two); audited."""
    if (theme_id is None) == (not proposed_theme):
        raise UserError("choose an existing theme or type a name for a new one, not both.",
                        "Pick a theme from the list, or leave it empty and name the new theme.")
    with db.session() as s:
        row = s.scalar(select(TopicMapping).where(TopicMapping.topics_version == topics_version,
                                                  TopicMapping.topic_id == topic_id))
        if row is None:
            row = TopicMapping(topics_version=topics_version, topic_id=topic_id, mapped_by=actor)
            s.add(row)
        row.theme_id, row.proposed_theme, row.mapped_by = theme_id, (proposed_theme or None), actor
        s.add(AuditLog(actor=actor[:100], action="topic_map", target=f"topics:{topics_version}:{topic_id}",
                       detail={"theme": theme_id, "proposed": proposed_theme}))


def topic_mappings(db: Database, topics_version: str) -> dict[int, tuple[str | None, str | None]]:
    """Analysts' decisions for a topic model: topic id -> (theme id, proposed new theme)."""
    with db.session() as s:
        return {m.topic_id: (m.theme_id, m.proposed_theme)
                for m in s.scalars(select(TopicMapping).where(TopicMapping.topics_version == topics_version))}
