"""REFI-QDA exchange jobs: export the selected redacted notes as a `.qdpx` (refused below the
disclosure threshold, validated, audited) and import a codebook as proposed theme changes.

An imported codebook never changes the taxonomy or a model: each change waits for an analyst's
decision, and an accepted change is recorded (and audited) for whoever prepares the next training.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass

from voice.errors import UserError
from voice.exchange.codebook import compare, read_codebook
from voice.exchange.qdpx import Code, Coding, SourceNote, write_qdpx
from voice.store import audit
from voice.store import exchange as sx
from voice.store.db import Database
from voice.store.queries import Filters
from voice.themes.taxonomy import load_taxonomy


def theme_codes() -> list[Code]:
    """The taxonomy's themes as codes: label as the code's name, definition as its description."""
    return [Code(t.id, t.label, t.definition) for t in load_taxonomy().themes]


def check_selection(db: Database, f: Filters, threshold: int) -> None:
    """Refuse a selection smaller than the disclosure threshold: a tiny export could single out a child."""
    if sx.count_for_export(db, f) < threshold:
        raise UserError(f"these filters select fewer than {threshold} notes, the disclosure threshold, so the "
                        "export was refused: so few notes could single out a child.",
                        "Choose more months, areas, sources or kinds of note and try again.")


def describe(f: Filters) -> str:
    """The project description: what was selected and what the file holds (no counts, no text)."""
    months = f"{f.period_from or 'the first month'} to {f.period_to or 'the last month'}"
    chosen = "; ".join(f"{name}: {', '.join(values)}" for name, values in
                       (("areas", f.areas), ("sources", f.sources), ("kinds", f.kinds)) if values)
    version = f"; notes tagged by theme model {f.theme_version}" if f.theme_version else ""
    return (f"Redacted notes exported from voice, {months}{'; ' + chosen if chosen else ''}{version}. "
            "Identifiers were removed before the notes were stored; this file holds only the redacted text. "
            "Codes are voice's themes; each coding's memo gives the model version, its confidence and "
            "whether a person confirmed it.")


def build_qdpx(db: Database, f: Filters, threshold: int) -> bytes:
    """The selected notes as a validated `.qdpx` (UserError below the threshold). Not audited: the
    caller audits the download (`export_qdpx`, or the workbench's download button)."""
    check_selection(db, f, threshold)
    rows = sx.notes_for_export(db, f)
    notes = [SourceNote(r.id, r.text, r.area, r.period, r.kind, r.source,
                        tuple(Coding(t.theme_id, t.score, t.model_version, t.evidence, t.confirmed, t.rejected)
                              for t in r.themes)) for r in rows]
    now = dt.datetime.now(dt.timezone.utc)
    return write_qdpx(notes, theme_codes(), name=f"voice notes {now:%Y-%m-%d}", description=describe(f), now=now)


def audit_detail(f: Filters) -> dict:
    """What the audit log keeps of a `.qdpx` export: the filters and the format, never content."""
    return {"filters": asdict(f), "format": "qdpx"}


def export_qdpx(db: Database, f: Filters, threshold: int, actor: str, file_name: str = "voice-notes.qdpx") -> bytes:
    """`build_qdpx`, audited as an export."""
    data = build_qdpx(db, f, threshold)
    audit.record(db, actor, "export", file_name, audit_detail(f))
    return data


@dataclass(frozen=True)
class Imported:
    """What an imported codebook proposes (its changes are all pending)."""

    proposal_id: int
    codes: int
    changes: list[sx.ProposedChange]


def import_codebook(db: Database, data: bytes, file_name: str, actor: str) -> Imported:
    """Read a `.qdc`/`.qdpx` codebook, compare it with the themes and store the differences as a
    proposal awaiting review (audited). A codebook identical to the themes stores an empty proposal."""
    codes = read_codebook(data, file_name)
    if not codes:
        raise UserError(f"{file_name} holds no codes.", "Export the codebook with its codes and try again.")
    changes = compare(codes, theme_codes())
    proposal = sx.save_proposal(db, file_name, hashlib.sha256(data).hexdigest(), len(codes),
                                [asdict(c) for c in changes], actor)
    return Imported(proposal, len(codes), sx.proposed_changes(db, proposal_id=proposal))


def decide(db: Database, change_id: int, accept: bool, actor: str) -> sx.ProposedChange:
    """Accept or reject one proposed change (audited). Nothing else changes: an accepted change is
    for the next training to take up, through the usual train, compare and promote."""
    return sx.decide_change(db, change_id, "accepted" if accept else "rejected", actor)


def change_words(c: sx.ProposedChange) -> str:
    """A proposed change in plain words, naming themes by their taxonomy labels."""
    labels = {code.id: code.label for code in theme_codes()}
    theme = labels.get(c.theme_id or "", c.theme_id)
    if c.change == "added":
        return f"add a new theme '{c.code_name}'"
    if c.change == "renamed":
        return f"rename '{theme}' to '{c.code_name}'"
    return f"remove the theme '{theme}'"
