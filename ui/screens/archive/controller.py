"""Archived records in the shell: the chart's note and order actions refuse a locked record
with what to do; "Request unlock…" (Ctrl+Shift+U, also in the command palette) asks for a
reason; the medical-records office (admin) archives a discharged record and works through the
unlock requests. Attached by the ShellController with one line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject, Signal

from offline_cache.link import Offline
from offline_cache.record_archive import ArchiveRefusal
from offline_cache.session import Session
from ui.screens.archive import tasks
from ui.screens.archive.dialogs import UnlockRequestsDialog
from ui.screens.archive.texts import REQUEST_UNLOCK_KEYS, locked_refusal
from ui.screens.orders.dialogs import ReasonDialog
from workstation.domain.enums import Role
from workstation.projections.record_lock import ARCHIVED_MESSAGE
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController

ASKING_ROLES = frozenset({Role.PHYSICIAN, Role.TRAINEE_PHYSICIAN, Role.NURSE})
STATUS_MS = 10_000


class ArchiveDesk(QObject):
    """Asks for unlocks, archives records and decides unlocks for the open chart's patient."""

    sig_unlock_requested = Signal(str)  # the request's event id, saved on this computer
    sig_record_archived = Signal(str)
    sig_unlock_decided = Signal(str)
    sig_message = Signal(str)

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        self.requests: UnlockRequestsDialog | None = None
        self.request_action = self.shell.view.menu_action(
            self.tr("Request &unlock…"), REQUEST_UNLOCK_KEYS
        )
        self.archive_action = self.shell.view.menu_action(
            self.tr("Ar&chive this discharged record…")
        )
        self.requests_action = self.shell.view.menu_action(
            self.tr("&Unlock requests…"), menu_name="station"
        )
        self.request_action.triggered.connect(self.request_unlock)
        self.archive_action.triggered.connect(self.archive_record)
        self.requests_action.triggered.connect(self.open_requests)
        self.sig_message.connect(lambda text: shell.view.status.showMessage(text, STATUS_MS))
        shell.chart.orders.sig_message.connect(self._order_message)
        shell.login.sig_logged_in.connect(self._logged_in)
        shell.sig_unlocked.connect(lambda: self._enable(True))
        shell.sig_locked.connect(lambda: self._enable(False))
        self._enable(False)

    def _enable(self, enabled: bool) -> None:
        for action in (self.request_action, self.archive_action, self.requests_action):
            action.setEnabled(enabled)

    def _logged_in(self, session: Session, _status: Any) -> None:
        office = session.role == Role.ADMIN
        self.request_action.setVisible(clinical_role(session.role) in ASKING_ROLES)
        self.archive_action.setVisible(office)
        self.requests_action.setVisible(office)

    # -- the open chart ----------------------------------------------------------------------
    def _chart(self) -> dict[str, Any] | None:
        chart = self.shell.chart
        return chart.chart if chart.active and chart.chart is not None else None

    def refuse_if_locked(self) -> bool:
        """True (and says why and what to do) when the open record is archived and locked."""
        if not self._locked_for_me(self._chart()):
            return False
        self.sig_message.emit(locked_refusal())
        return True

    def _locked_for_me(self, chart: dict[str, Any] | None) -> bool:
        """Archived, and no unlock of the user at the PC is running (an unlock is personal)."""
        archive = (chart or {}).get("archive") or {}
        me = self.shell.workstation.sessions.current
        mine = me is not None and me.user_id in (archive.get("unlocked_for") or [])
        return bool(archive.get("archived_at")) and not mine

    def _order_message(self, text: str) -> None:
        if text == ARCHIVED_MESSAGE:  # an order signed on a record locked meanwhile
            self.sig_message.emit(locked_refusal())

    def request_unlock(self) -> None:
        """Ctrl+Shift+U: ask the medical-records office to unlock the open archived record."""
        chart = self._chart()
        if chart is None:
            self.sig_message.emit(self.tr("Open the archived patient's chart first."))
            return
        if not self._locked_for_me(chart):
            self.sig_message.emit(self.tr("This record is not locked: no unlock is needed."))
            return
        patient = chart["patient"]
        dialog = ReasonDialog(
            self.tr("Request unlock"),
            self.tr("The record of <b>%1</b> (record no. %2) is archived. Say what must be changed "
                    "and why; the medical-records office approves or denies it.")
            .replace("%1", patient["name"]).replace("%2", patient["record_number"]),
            self.tr("Reason for the unlock"),
            self.shell.view,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self.shell.workers.run(
            tasks.request_unlock, self.shell.workstation, patient["patient_id"], dialog.given(),
            done=self._requested, failed=self._failed))  # fmt: skip
        dialog.open()

    def _requested(self, request_id: str) -> None:
        self.sig_message.emit(self.tr("Unlock requested; it is sent to the medical-records office "
                                      "with the next sync."))  # fmt: skip
        self.sig_unlock_requested.emit(request_id)
        self.shell.chart.reload()

    def archive_record(self) -> None:
        """Archive the open discharged record, confirmed by the record number on its folder."""
        chart = self._chart()
        patient = chart["patient"] if chart else None
        if patient is None or patient["status"] != "discharged":
            self.sig_message.emit(self.tr("Open a discharged patient's chart to archive it."))
            return
        dialog = ReasonDialog(
            self.tr("Archive record"),
            self.tr("Archive the record of <b>%1</b>? It is then locked: a change needs an "
                    "approved unlock. Type or scan the record number on the folder to confirm.")
            .replace("%1", patient["name"]),
            self.tr("Record number on the folder"),
            self.shell.view,
        )  # fmt: skip
        dialog.accepted.connect(lambda: self.shell.sync_workers.run(
            tasks.archive_record, self.shell.workstation, patient["patient_id"], dialog.given(),
            done=self._archived, failed=self._failed))  # fmt: skip
        dialog.open()

    def _archived(self, event_id: str) -> None:
        self.sig_message.emit(self.tr("Record archived and locked."))
        self.sig_record_archived.emit(event_id)
        self.shell.chart.reload()

    # -- the office's list -------------------------------------------------------------------
    def open_requests(self) -> None:
        """The unlock requests waiting for a decision (after a sync)."""
        dialog = UnlockRequestsDialog(self.shell.view)
        self.requests = dialog
        dialog.destroyed.connect(
            lambda *_: setattr(self, "requests", None)
        )  # destroyed by the lock
        dialog.sig_approve_requested.connect(self._approve)
        dialog.sig_deny_requested.connect(self._deny)
        dialog.show_message(self.tr("Fetching the requests…"))
        dialog.open()
        self._load_requests()

    def _load_requests(self) -> None:
        def loaded(rows: list[dict[str, Any]]) -> None:
            if self.requests is not None:
                self.requests.show_rows(rows)

        self.shell.sync_workers.run(tasks.pending_unlocks, self.shell.workstation, done=loaded,
                                    failed=self._failed)  # fmt: skip

    def _approve(self, row: dict[str, Any], hours: int) -> None:
        self.shell.sync_workers.run(
            tasks.approve_unlock, self.shell.workstation, row["patient_id"], row["request_id"],
            hours, done=self._decided, failed=self._failed)  # fmt: skip

    def _deny(self, row: dict[str, Any]) -> None:
        dialog = ReasonDialog(self.tr("Deny unlock"), self.tr("Deny the unlock of <b>%1</b>?")
                              .replace("%1", row["name"]), self.tr("Reason for the denial"),
                              self.requests or self.shell.view)  # fmt: skip
        dialog.accepted.connect(lambda: self.shell.sync_workers.run(
            tasks.deny_unlock, self.shell.workstation, row["patient_id"], row["request_id"],
            dialog.given(), done=self._decided, failed=self._failed))  # fmt: skip
        dialog.open()

    def _decided(self, event_id: str) -> None:
        self.sig_message.emit(self.tr("Decision recorded and sent."))
        self.sig_unlock_decided.emit(event_id)
        self._load_requests()
        self.shell.chart.reload()

    def _failed(self, error: BaseException) -> None:
        text = self.refusal_text(error)
        self.sig_message.emit(text)
        if self.requests is not None and self.requests.isVisible():
            self.requests.show_message(text)

    def refusal_text(self, error: BaseException) -> str:
        """Why an archive action was refused, in the user's language."""
        if isinstance(error, Offline):
            return self.tr("The server cannot be reached: archiving and deciding unlocks need "
                           "it. Nothing was recorded; try again when it is back.")  # fmt: skip
        texts = {
            "record_archived": locked_refusal(),
            "not_discharged": self.tr("Only a discharged patient's record can be archived."),
            "wrong_record": self.tr(
                "That is not this patient's record number: nothing was archived."
            ),  # fmt: skip
            "already_archived": self.tr("This record is already archived and locked."),
            "record_incomplete": self.tr(
                "The record is not complete, nothing was archived: %1"
            ).replace("%1", _gaps(error)),
            "not_archived": self.tr("This record is not locked: no unlock is needed."),
            "forbidden": self.tr("Someone other than the person who asked must decide an unlock."),
            "conflict": self.tr("This request was already decided."),
            "unknown_request": self.tr("This request is not on this computer yet: sync first."),
        }
        code = error.code if isinstance(error, ArchiveRefusal) else None
        return texts.get(code or "", str(error))


def _gaps(error: BaseException) -> str:
    """The archive gate's gaps in the user's language (the server's refusal: as it said them)."""
    notes = getattr(error, "notes", ())
    if not notes:
        return str(error)
    lang = "zh" if QLocale().name().startswith("zh") else "en"
    separator = "；" if lang == "zh" else "; "
    return separator.join(n.text(lang) for n in notes)


def install(shell: ShellController) -> ArchiveDesk:
    """Add the archive's actions to the shell."""
    return ArchiveDesk(shell)
