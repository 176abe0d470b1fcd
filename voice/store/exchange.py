"""Store side of the REFI-QDA exchange: the notes an export holds, and codebook proposals.

Export reads redacted text only (the only text the store has), with the themes, their evidence
spans and the workbench labels. Codebook proposals record what an imported codebook would change
and the analyst's decision on each change; they never touch the taxonomy or a model.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import func, select

from voice.errors import UserError
from voice.store.db import Database
from voice.store.models import AuditLog, CodebookChange, CodebookProposal, Label, Note, NoteTheme, utc_now
from voice.store.queries import Filters, _conds

DECISIONS = {"accepted": "codebook_accept", "rejected": "codebook_reject"}  # decision -> audit action


@dataclass(frozen=True)
class ThemeRow:
    """A theme on a note as the export needs it (model tag and/or analysts' labels)."""

    theme_id: str
    score: float | None
    model_version: str | None
    evidence: tuple[tuple[int, int, str], ...]
    confirmed: int
    rejected: int


@dataclass(frozen=True)
class ExportRow:
    id: int
    text: str
    area: str
    period: str
    kind: str
    source: str
    themes: tuple[ThemeRow, ...]


def count_for_export(db: Database, f: Filters) -> int:
    """How many notes the filters select (checked against the disclosure threshold before any text is read)."""
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Note).where(*_conds(f, Note))) or 0)


def _evidence(raw: object) -> tuple[tuple[int, int, str], ...]:
    out = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, (list, tuple)) and len(item) >= 2 and all(isinstance(v, int) for v in item[:2]):
            out.append((int(item[0]), int(item[1]), str(item[2]) if len(item) > 2 else ""))
    return tuple(out)


def notes_for_export(db: Database, f: Filters) -> list[ExportRow]:
    """The selected notes in id order, each with its model themes (score, version, evidence) and the
    analysts' labels: confirmations and rejections counted, themes only an analyst added included."""
    with db.session() as s:
        notes = s.execute(select(Note.id, Note.text, Note.area, Note.period, Note.kind, Note.source)
                          .where(*_conds(f, Note)).order_by(Note.id)).all()
        ids = select(Note.id).where(*_conds(f, Note))
        tagged: dict[int, dict[str, tuple]] = defaultdict(dict)
        for nid, theme, score, version, evidence in s.execute(
                select(NoteTheme.note_id, NoteTheme.theme_id, NoteTheme.score, NoteTheme.model_version,
                       NoteTheme.evidence).where(NoteTheme.note_id.in_(ids))):
            tagged[nid][theme] = (score, version, _evidence(evidence))
        votes: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
        for nid, theme, present in s.execute(select(Label.note_id, Label.theme_id, Label.present)
                                             .where(Label.note_id.in_(ids))):
            votes[nid][theme][0 if present else 1] += 1
    out = []
    for nid, text, area, period, kind, source in notes:
        model, labels = tagged.get(nid, {}), votes.get(nid, {})
        themes = [ThemeRow(t, sc, v, ev, *labels.get(t, (0, 0))) for t, (sc, v, ev) in sorted(model.items())]
        themes += [ThemeRow(t, None, None, (), yes, no) for t, (yes, no) in sorted(labels.items())
                   if t not in model and yes]
        out.append(ExportRow(nid, text, area, period, kind, source, tuple(themes)))
    return out


@dataclass(frozen=True)
class ProposedChange:
    id: int
    proposal_id: int
    change: str
    theme_id: str | None
    code_name: str | None
    description: str
    decision: str
    decided_by: str | None
    file_name: str


def save_proposal(db: Database, file_name: str, sha256: str, codes: int, changes: Sequence[dict],
                  actor: str) -> int:
    """Store an imported codebook's proposed changes (all pending), audited; returns the proposal id."""
    with db.session() as s:
        proposal = CodebookProposal(file_name=file_name[:255], file_sha256=sha256, codes=codes, imported_by=actor[:100])
        s.add(proposal)
        s.flush()
        s.add_all(CodebookChange(proposal_id=proposal.id, change=c["change"], theme_id=c["theme_id"],
                                 code_name=(c["code_name"] or None) and c["code_name"][:200],
                                 description=c["description"], decision="pending") for c in changes)
        s.add(AuditLog(actor=actor[:100], action="codebook_import", target=f"codebook:{proposal.id}",
                       detail={"file_sha256": sha256, "codes": codes,
                               "changes": {k: sum(c["change"] == k for c in changes)
                                           for k in ("added", "renamed", "removed")}}))
        return proposal.id


def proposed_changes(db: Database, *, decision: str | None = None, proposal_id: int | None = None
                     ) -> list[ProposedChange]:
    """Changes from imported codebooks, oldest first; optionally only one decision or one proposal."""
    q = (select(CodebookChange, CodebookProposal.file_name)
         .join(CodebookProposal, CodebookProposal.id == CodebookChange.proposal_id).order_by(CodebookChange.id))
    if decision:
        q = q.where(CodebookChange.decision == decision)
    if proposal_id is not None:
        q = q.where(CodebookChange.proposal_id == proposal_id)
    with db.session() as s:
        return [ProposedChange(c.id, c.proposal_id, c.change, c.theme_id, c.code_name, c.description, c.decision,
                               c.decided_by, name) for c, name in s.execute(q)]


def decide_change(db: Database, change_id: int, decision: str, actor: str) -> ProposedChange:
    """Accept or reject one pending change (audited). Accepting records it for the next training only."""
    if decision not in DECISIONS:
        raise UserError(f"the decision must be one of {', '.join(DECISIONS)}, not {decision!r}.")
    with db.session() as s:
        row = s.get(CodebookChange, change_id)
        if row is None:
            raise UserError(f"there is no proposed codebook change {change_id}.",
                            "Run `voice codebook review` to see the pending changes and their numbers.")
        if row.decision != "pending":
            raise UserError(f"codebook change {change_id} was already {row.decision} by {row.decided_by}.",
                            "Each change is decided once; import the codebook again to propose it afresh.")
        row.decision, row.decided_by = decision, actor[:100]
        row.decided_at = utc_now()
        s.add(AuditLog(actor=actor[:100], action=DECISIONS[decision], target=f"codebook_change:{change_id}",
                       detail={"change": row.change, "theme": row.theme_id, "code": row.code_name,
                               "proposal": row.proposal_id}))
    return next(c for c in proposed_changes(db, proposal_id=row.proposal_id) if c.id == change_id)
