"""The roster page in the shell (Ctrl+Alt+R, also in the command palette): every user of a ward
reads its roster (the server's, or the cached copy offline); the ward's head nurse edits it.
Attached by the ShellController with one line."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from offline_cache.link import Offline, Refused
from offline_cache.roster import cached_roster, fetch_roster, save_roster
from ui.icons import icon_html
from ui.refusals import failure_words
from ui.screens.roster.pattern_dialog import ShiftPatternDialog
from ui.screens.roster.view import RosterCellDialog, RosterView
from ui.screens.roster.words import shift_name, warning_text, workload_text
from ui.terms import ward_today

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

KEYS = "Ctrl+Alt+R"
EDITOR_ROLE = "head_nurse"
DAYS = 7


def offline_roster(ws: Any, ward_id: str, first: date) -> dict[str, Any] | None:
    """The cached roster shaped as the server's answer (no workload), or None."""
    found = cached_roster(ws, ward_id)
    if found is None:
        return None
    return {**found, "first": first.isoformat(), "days": DAYS, "offline": True,
            "workload": []}  # fmt: skip


class RosterController(QObject):
    """Loads, shows, edits and saves the ward's roster; empties the page on lock."""

    sig_roster_saved = Signal(int)  # the new version

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.view = RosterView()
        shell.view.pages.addWidget(self.view)
        self.first = self._monday(ward_today())
        self.ward_name = ""  # the ward's name in the user's language, as the census learned it
        shell.census.sig_ward_named.connect(self._ward_named)
        self.action = shell.view.menu_action(self.tr("&Nurse roster"), KEYS, "station")
        self.action.setEnabled(False)
        self.action.triggered.connect(self.open)
        t = self.view.table
        t.sig_edit_requested.connect(self.edit)
        t.sig_clear_requested.connect(lambda: self._set_current([]))
        t.sig_copy_requested.connect(self.copy_day_before)
        t.sig_save_requested.connect(self.save)
        t.sig_reload_requested.connect(self.reload)
        t.sig_week_requested.connect(self.move_week)
        t.sig_pattern_requested.connect(self.edit_pattern)
        self.view.table.selectionModel().currentChanged.connect(lambda *_: self._show_detail())
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self._leave)

    @staticmethod
    def _monday(day: date) -> date:
        return day - timedelta(days=day.weekday())

    def editor(self) -> bool:
        """True for the head nurse of the shown ward."""
        s = self.shell.session
        return s is not None and s.role == EDITOR_ROLE and self.shell.ward_id in s.wards

    def _unlocked(self) -> None:
        self.action.setEnabled(self.shell.session is not None and self.shell.ward_id is not None)

    def _locked(self) -> None:
        self.action.setEnabled(False)
        self.view.clear()

    def _leave(self, *_: object) -> None:
        if self.shell.view.pages.currentWidget() is self.view:
            self.shell.view.pages.setCurrentWidget(self.shell.view.work)

    def open(self) -> None:
        """Show the page and load this week's roster."""
        if self.shell.locked or self.shell.ward_id is None:
            return
        if not self.view.model.changed:
            self.first = self._monday(ward_today())  # this week, also on a PC left running
        self.shell.view.pages.setCurrentWidget(self.view)
        self.view.table.setFocus()
        self.reload(keep_changes=True)

    def move_week(self, step: int) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next or previous week (unsaved changes are kept only
        within the week: saving first is asked)."""
        if self.view.model.changed:
            self.view.message.setText(
                self.tr("Save (Ctrl+S) or reload (F5) this week's changes first.")
            )
            return
        self.first += timedelta(days=7 * step)
        self.reload()

    def reload(self, *, keep_changes: bool = False) -> None:
        """Fetch the week from the server (sync lane); offline, the cached copy."""
        self.view.message.setText(self.tr("Fetching the roster…"))
        ward, first = str(self.shell.ward_id), self.first
        self.shell.sync_workers.run(fetch_roster, self.shell.workstation, ward, first.isoformat(), DAYS,
                                    done=lambda r: self._loaded(r, keep_changes),
                                    failed=self._fetch_failed)  # fmt: skip

    def _fetch_failed(self, error: BaseException) -> None:
        if not isinstance(error, Offline):
            self._failed(error)
            return
        found = offline_roster(self.shell.workstation, str(self.shell.ward_id), self.first)
        if found is None:
            self.view.message.setText(
                self.tr(
                    "The server cannot be reached and this station has no copy of the roster yet."
                )
            )
            return
        self._loaded(found, False)
        self.view.message.setText(self.tr("Offline: the roster as last synced, read only."))

    def _ward_named(self, name: str) -> None:
        self.ward_name = name

    def _loaded(self, roster: dict[str, Any], keep_changes: bool) -> None:
        if self.shell.locked:
            return
        row, column = self.view.table.currentIndex().row(), self.view.table.currentIndex().column()
        self.view.model.set_roster(roster, keep_changes=keep_changes)
        days = self.view.model.days
        self.view.heading.setText(self.tr("Nurse roster of %1, %2 to %3 (version %4)%5")
                                  .replace("%1", self.ward_name or str(self.shell.ward_id))
                                  .replace("%2", days[0] if days else "")
                                  .replace("%3", days[-1] if days else "").replace("%4", str(roster.get("version", 0)))
                                  .replace("%5", "" if self.editor() else self.tr(", read only")))  # fmt: skip
        est = roster.get("establishment")
        names = self.view.model.names()
        self.view.establishment.setText(warning_text(est, names) if est else "")
        self.view.table.setCurrentIndex(self.view.model.index(max(row, 0), max(column, 0)))
        self.view.message.setText("")
        self._show_detail()

    def _show_detail(self) -> None:
        key = self.view.model.key(self.view.table.currentIndex())
        load = None if key is None else self.view.model.load(key)
        if key is None or load is None:
            self.view.detail.setText("")
            return
        lines = [escape(workload_text(load)),
                 *(f"{icon_html('warning')} {escape(w)}" for w in self.view.model.warnings(key))]  # fmt: skip
        self.view.detail.setText("<br>".join(lines))

    def _current_key(self) -> tuple[str, str] | None:
        if not self.editor() or self.view.model.roster.get("offline"):
            self.view.message.setText(
                self.tr("Only the ward's head nurse edits the roster, online.")
            )
            return None
        return self.view.model.key(self.view.table.currentIndex())

    def edit(self) -> None:
        """Enter: the selected shift's nurses and beds in a dialog."""
        key = self._current_key()
        if key is None:
            return
        shift = next(s for s in self.view.model.shifts() if s["code"] == key[1])
        dialog = RosterCellDialog(f"{key[0]} {shift_name(shift)}", self.view.model.roster,
                                  self.view.model.cell(key), self.view)  # fmt: skip
        dialog.accepted.connect(lambda: self.view.model.set_cell(key, dialog.assignments()))
        dialog.open()

    def edit_pattern(self) -> None:
        """F3: the ward's shift pattern and the nurses' 能级, saved at once under the version read
        (changed shifts of the grid must be saved first: the grid follows the pattern)."""
        if self._current_key() is None:
            return
        if self.view.model.changed:
            self.view.message.setText(
                self.tr("Save (Ctrl+S) or reload (F5) this week's changes first.")
            )
            return
        dialog = ShiftPatternDialog(self.view.model.roster, self.view)

        def save() -> None:
            edit = {"base_version": self.view.model.roster.get("version", 0), **dialog.edit()}
            self.shell.sync_workers.run(save_roster, self.shell.workstation, str(self.shell.ward_id),
                                        edit, done=self._saved, failed=self._failed)  # fmt: skip

        dialog.accepted.connect(save)
        dialog.open()

    def _set_current(self, found: list[dict[str, Any]]) -> None:
        key = self._current_key()
        if key is not None:
            self.view.model.set_cell(key, found)

    def copy_day_before(self) -> None:
        """Ctrl+D: the same shift of the day before (the first day: nothing to copy)."""
        key = self._current_key()
        model = self.view.model
        if key is None or model.days.index(key[0]) == 0:
            return
        self._set_current(model.cell((model.days[model.days.index(key[0]) - 1], key[1])))

    def save(self) -> None:
        """Ctrl+S: send the changed shifts under the version read; a newer one is refused."""
        if not self.editor() or not self.view.model.changed:
            return
        self.view.message.setText(self.tr("Saving…"))
        self.shell.sync_workers.run(save_roster, self.shell.workstation, str(self.shell.ward_id),
                                    self.view.model.edit(), done=self._saved, failed=self._failed)  # fmt: skip

    def _saved(self, answer: dict[str, Any]) -> None:
        self.view.model.changed.clear()
        self.sig_roster_saved.emit(int(answer["version"]))
        self.reload()
        self.view.message.setText(
            self.tr("Saved: version %1.").replace("%1", str(answer["version"]))
        )

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Refused) and error.status == 409:
            text = self.tr(
                "Someone saved this roster after you opened it: your changes were not saved. F5 shows theirs; your changes stay marked with the pen icon until you reload."
            )
        else:
            text = failure_words(
                error, self.tr("The roster is kept on the server, which cannot be reached now.")
            )
        self.view.message.setText(text)


def install(shell: ShellController) -> RosterController:
    """Attach the roster page and its action to the shell."""
    return RosterController(shell)
