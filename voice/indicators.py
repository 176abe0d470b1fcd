"""Quantitative indicators (police incidents, missing episodes, ...) from CSV into the store."""
from __future__ import annotations

import csv
import io
import re

from sqlalchemy import delete, insert, tuple_

from voice.errors import InputFileError, InputRowError
from voice.ingest.readers import decode
from voice.keyed import stored_file_name
from voice.store import Database
from voice.store.models import AuditLog, Indicator

COLUMNS = ("area", "period", "indicator", "value", "source")
_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def import_indicators(data: bytes, file_name: str, db: Database, actor: str = "cli") -> int:
    """Replace the given (area, period, indicator, source) cells; all rows or none."""
    reader = csv.DictReader(io.StringIO(decode(data, file_name), newline=""))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise InputFileError(file_name, f"missing column(s): {', '.join(missing)}.",
                             f"The header must be: {','.join(COLUMNS)}")
    rows = []
    for row in reader:
        line = reader.line_num
        period = (row["period"] or "").strip()[:7]
        if not _PERIOD.match(period):
            raise InputRowError(file_name, line, "period must be YYYY-MM.", "For example 2025-03.")
        try:
            value = float(row["value"])
        except (TypeError, ValueError):
            raise InputRowError(file_name, line, "value is not a number.", "Use digits only, e.g. 12.") from None
        if value < 0:
            raise InputRowError(file_name, line, "value is negative.", "Indicators are counts of zero or more.")
        area, indicator = (row["area"] or "").strip(), (row["indicator"] or "").strip()
        if not area or not indicator:
            raise InputRowError(file_name, line, "area and indicator must not be empty.")
        rows.append(dict(area=area, period=period, indicator=indicator, value=value,
                         source=(row["source"] or "unknown").strip()))
    if not rows:
        raise InputFileError(file_name, "has no indicator rows.", "Add rows below the header.")
    keys = {(r["area"], r["period"], r["indicator"], r["source"]) for r in rows}
    with db.session() as session:
        for chunk in _chunks(sorted(keys), 400):
            session.execute(delete(Indicator).where(
                tuple_(Indicator.area, Indicator.period, Indicator.indicator, Indicator.source).in_(chunk)))
        latest = {(r["area"], r["period"], r["indicator"], r["source"]): r for r in rows}
        session.execute(insert(Indicator), list(latest.values()))
        session.add(AuditLog(actor=actor, action="indicators.import", target=stored_file_name(file_name),
                             detail={"rows": len(latest)}))
    return len(latest)


def _chunks(items: list, size: int):  # type: ignore[no-untyped-def]
    for i in range(0, len(items), size):
        yield items[i:i + size]
