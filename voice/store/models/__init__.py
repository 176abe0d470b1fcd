"""SQLAlchemy 2 tables, one module per concern; every table is named here too, so
`from voice.store.models import Note` (and Alembic's `Base.metadata`) sees the whole schema."""
from voice.store.models.base import Base, utc_now
from voice.store.models.notes import (Indicator, Label, Note, NoteLanguageFlag, NotePlace, NoteRedaction, NoteStaging,
                                      NoteTheme, NoteThemeReview, TagResultRow, TagResultStaging, Upload)
from voice.store.models.operations import CodebookChange, CodebookProposal, Job, LocalListEntry, LocalListVersion
from voice.store.models.people import SSO_HASH_PREFIX, AuditLog, SignInFailure, User, UserSession
from voice.store.models.topics import ActiveModel, NoteTopic, TopicMapping

__all__ = ["Base", "utc_now", "Upload", "Note", "NoteStaging", "NoteTheme", "NoteThemeReview", "TagResultRow",
           "TagResultStaging", "NoteRedaction", "NoteLanguageFlag", "NotePlace", "Indicator", "Label",
           "AuditLog", "SSO_HASH_PREFIX", "User", "UserSession", "SignInFailure",
           "ActiveModel", "TopicMapping", "NoteTopic",
           "LocalListVersion", "LocalListEntry", "Job", "CodebookProposal", "CodebookChange"]
