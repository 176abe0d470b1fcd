"""Project errors: short codes and messages that say what to do.

Messages never contain note text (raw or redacted): they name the file, the row and the
problem. The CLI maps `UserError` to exit code 1 and anything else to 2; the app shows
`str(error)` with `st.error`.
"""
from __future__ import annotations


class VoiceError(Exception):
    """Base class. `code` is stable (documented in the README); `hint` says what to do."""

    code = "V000"
    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text} {self.hint}" if self.hint else text


class UserError(VoiceError):
    """Something the person running voice can fix (bad file, bad option)."""

    code = "V100"
    exit_code = 1


class InputFileError(UserError):
    """A file that cannot be read at all (missing, empty, binary, too big, bad encoding)."""

    code = "V101"

    def __init__(self, file_name: str, problem: str, hint: str = "") -> None:
        self.file_name = file_name
        super().__init__(f"{file_name}: {problem}", hint)


class InputRowError(UserError):
    """One row or line of a file is wrong; nothing from the file was stored."""

    code = "V102"

    def __init__(self, file_name: str, row: int, problem: str, hint: str = "") -> None:
        self.file_name = file_name
        self.row = row
        super().__init__(f"{file_name}, row {row}: {problem}", hint)


class ColumnMappingError(UserError):
    """The columns the upload needs are not in the file."""

    code = "V103"


class DuplicateUploadError(UserError):
    """Every note in the file is already stored."""

    code = "V104"


class OffDesignError(UserError):
    """Filters the query design does not offer (voice.disclosure.designed): refused wherever counts
    are worked out for showing or exporting, not only where the choices are offered."""

    code = "V107"


class ConfigError(UserError):
    """Settings or a configuration file is invalid."""

    code = "V110"


class NotAvailableError(VoiceError):
    """A stage of the pipeline is not installed or not built yet."""

    code = "V200"
    exit_code = 1


class RedactionFailed(VoiceError):
    """Redaction failed for a text; the text is rejected (fail closed)."""

    code = "V300"


class StoreError(VoiceError):
    """The database could not be reached or migrated."""

    code = "V400"
    exit_code = 1


class PermissionDenied(UserError):
    """The signed-in user's role does not allow this action."""

    code = "V500"
