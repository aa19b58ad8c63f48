"""One tab of the managers' dashboard: it names the server path it is filled from, shows what the
server answered, and hands its tables to the Excel export."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from workstation.reports.xlsx import Sheet


class DashboardTab(QWidget):
    """A dashboard tab: `path` under /manage, `show_data` fills it, `sheets` exports it, `clear`
    empties it (on lock and before another scope's figures arrive)."""

    path = ""  # e.g. "/manage/flow"
    ward_names: dict[str, str] = {}  # ward id -> name in the user's language (set by the page)

    def ward_name(self, ward_id: str) -> str:
        """A ward by its name in the user's language (never its raw code on screen)."""
        return self.ward_names.get(ward_id, ward_id)

    def title(self) -> str:
        """The tab's title in the user's language."""
        raise NotImplementedError

    def show_data(self, data: dict[str, Any]) -> None:
        """Show the figures the server answered for the chosen scope."""
        raise NotImplementedError

    def sheets(self) -> list[Sheet]:
        """The tab's tables for the Excel export (what is shown, in the user's language)."""
        return []

    def clear(self) -> None:
        """Empty every widget (the station locked, or another scope is loading)."""
