"""Which pages exist and which roles may open them (the app hides the rest; each page re-checks)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"
LEADS = ("lead", "analyst", "admin")


@dataclass(frozen=True)
class PageInfo:
    file: str
    title: str
    icon: str
    roles: tuple[str, ...]

    @property
    def path(self) -> Path:
        return PAGES_DIR / self.file


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard.py", "Dashboard", ":material/monitoring:", LEADS),
    PageInfo("places.py", "Places", ":material/place:", LEADS),
    PageInfo("gaps.py", "Who is missing", ":material/person_search:", LEADS),
    PageInfo("language.py", "Language", ":material/forum:", LEADS),
    PageInfo("upload.py", "Upload notes", ":material/upload_file:", ("uploader",) + LEADS),
    PageInfo("workbench.py", "Analyst workbench", ":material/fact_check:", ("analyst", "admin")),
    PageInfo("admin.py", "Admin", ":material/admin_panel_settings:", ("admin",)),
    PageInfo("lists.py", "Local lists", ":material/list_alt:", ("admin",)),
)


def pages_for(role: str | None) -> list[PageInfo]:
    """The pages a role may use, in menu order."""
    return [p for p in PAGES if role in p.roles]


def roles_for(file: str) -> tuple[str, ...]:
    """The roles allowed on one page, looked up by its file name (used by the page's own guard)."""
    return next(p.roles for p in PAGES if p.file == file)
