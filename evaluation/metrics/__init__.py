"""Pure metric functions for redaction, themes and topics; no model or storage imports."""
