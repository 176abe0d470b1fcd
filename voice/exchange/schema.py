"""The REFI-QDA project schema (vendored, MIT, REFI 2019) and safe XML parsing.

Every `.qdpx` voice writes is validated before anyone can download it; every codebook it reads is
parsed without entities, DTDs or network access (a hostile file cannot reach the disk or the web).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from lxml import etree

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "Project.xsd"


class SchemaInvalid(ValueError):
    """The XML does not follow the REFI-QDA schema; `problems` are the validator's first messages."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@lru_cache(maxsize=1)
def project_schema() -> etree.XMLSchema:
    """Project.xsd, compiled once."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH), parser=safe_parser()))


def safe_parser() -> etree.XMLParser:
    """No entity expansion, no DTD loading, no network, no huge trees."""
    return etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def parse(data: bytes) -> etree._Element:
    """Parse XML bytes safely (lxml's XMLSyntaxError on bad XML)."""
    return etree.fromstring(data, parser=safe_parser())


def validate_project(root: etree._Element) -> None:
    """Raise SchemaInvalid unless `root` is a valid REFI-QDA Project."""
    schema = project_schema()
    try:
        valid = schema.validate(root)
    except etree.XMLSchemaValidateError:  # e.g. unexpanded entity references libxml2 cannot check
        raise SchemaInvalid(["the schema validator could not read the document"]) from None
    if not valid:
        # messages name elements and attributes; positions are lines of the XML, never note text
        raise SchemaInvalid([(f"line {e.line}: " if e.line else "") + e.message for e in list(schema.error_log)[:5]])
