"""Print from any screen (Ctrl+P prints what the screen shows), preview first; the downtime pack
built on a schedule after login and on demand ("Build downtime pack now")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from offline_cache.downtime import DowntimeRefresher, build_downtime_pack
from ui.screens.chart.view import ORDERS_TAB
from ui.screens.printing import tasks
from ui.screens.printing.preview import PrintPreviewDialog

NOTES_TAB, VITALS_TAB = 1, 4
FIRST_PACK_DELAY_MS = 60_000  # after login: let the first sync and chart opening go first


class PrintingController(QObject):
    """Builds documents on the worker lane, shows them in the preview, runs the downtime refresher."""

    sig_preview_opened = Signal(object)  # PrintPreviewDialog
    sig_pack_built = Signal(object)  # Path
    sig_failed = Signal(str)

    def __init__(self, shell: Any):
        super().__init__(shell)
        self.shell = shell
        self.refresher: DowntimeRefresher | None = None
        self.preview: PrintPreviewDialog | None = None
        self.first_pack = QTimer(self, singleShot=True, interval=FIRST_PACK_DELAY_MS)
        self.first_pack.timeout.connect(self._start_schedule)
        self.kinds = {
            "handoff": self.tr("Handoff sheet"),
            "order-sheet": self.tr("Order sheets (long-term and temporary)"),
            "prescription": self.tr("Prescription"),
            "mar": self.tr("Medication administration record"),
            "vitals-chart": self.tr("Temperature chart"),
            "progress-notes": self.tr("Progress notes"),
            "discharge-summary": self.tr("Discharge summary"),
            "discharge-prescription": self.tr("Discharge prescription"),
            "label": self.tr("Medication labels"),
            tasks.STOCK_REPORT: self.tr("Stock report"),
        }
        self._make_actions()
        shell.login.sig_logged_in.connect(lambda *_: self.start_refresher())
        shell.sig_unlocked.connect(lambda: self._enable(True))
        shell.sig_locked.connect(lambda: self._enable(False))
        self.sig_failed.connect(lambda text: shell.view.status.showMessage(text, 10_000))

    def _make_actions(self) -> None:
        view = self.shell.view
        self.print_action = self._add(self.tr("&Print this screen…"), view.menus["patient"])
        self.print_action.setShortcut(QKeySequence("Ctrl+P"))
        self.print_action.triggered.connect(self.print_current)
        menu = view.menus["patient"].addMenu(self.tr("Print &document"))
        self.kind_actions: dict[str, QAction] = {}
        for kind, title in self.kinds.items():
            action = self._add(self.tr("Print: %1").replace("%1", title), menu)
            action.triggered.connect(lambda _checked=False, k=kind: self.print_kind(k))
            self.kind_actions[kind] = action
        self.downtime_action = self._add(self.tr("Build &downtime pack now"), view.menus["station"])
        self.downtime_action.triggered.connect(self.build_pack_now)
        self._enable(False)

    def _add(self, text: str, menu: Any) -> QAction:
        action = QAction(text, self.shell.view)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.shell.view.addAction(action)  # listed by the command palette
        menu.addAction(action)
        return action

    def _enable(self, enabled: bool) -> None:
        for action in (self.print_action, self.downtime_action, *self.kind_actions.values()):
            action.setEnabled(enabled)
        if not enabled and self.preview is not None:
            self.preview.close()  # a locked screen shows no patient

    @property
    def language(self) -> str:
        """The documents' language: the UI's."""
        return tasks.report_language(self.shell.settings.settings.language)

    def current_kind(self) -> str | None:
        """The document the shown screen prints; None when there is nothing to print."""
        shell = self.shell
        pharmacy = getattr(shell, "pharmacy", None)
        if pharmacy is not None and shell.view.pages.currentWidget() is pharmacy.view:
            return tasks.STOCK_REPORT
        if not shell.chart.active or not shell.chart.patient_id:
            return None
        tabs = shell.view.chart.tabs
        nurse = getattr(shell, "nurse", None)
        if nurse is not None and tabs.currentWidget() is nurse.mar_view:
            return "mar"
        return {NOTES_TAB: "progress-notes", ORDERS_TAB: "order-sheet",
                VITALS_TAB: "vitals-chart"}.get(tabs.currentIndex(), "handoff")  # fmt: skip

    def print_current(self) -> None:
        """Ctrl+P: preview the document of the screen shown."""
        kind = self.current_kind()
        if kind is None:
            self.sig_failed.emit(self.tr("Open a patient to print."))
            return
        self.print_kind(kind)

    def print_kind(self, kind: str) -> None:
        """Build one document on the worker lane (from the replica), then preview it."""
        shell = self.shell
        if shell.session is None or shell.locked:
            return
        if kind == tasks.STOCK_REPORT:
            shell.workers.run(tasks.stock_document, shell.workstation, self.language,
                              done=self._show, failed=self._failed)  # fmt: skip
            return
        if not shell.chart.active or not shell.chart.patient_id:
            self.sig_failed.emit(self.tr("Open a patient to print."))
            return
        shell.workers.run(tasks.patient_document, shell.workstation, kind, shell.chart.patient_id,
                          self.language, done=self._show, failed=self._failed)  # fmt: skip

    def _show(self, printed: tasks.PrintedDocument) -> None:
        shell = self.shell
        if shell.session is None or shell.locked:
            return
        if printed.patient_id is not None and printed.patient_id != shell.chart.patient_id:
            return  # another patient was opened meanwhile
        title = self.kinds[printed.kind]
        name = f"{printed.kind}-{printed.record_number or 'pharmacy'}.pdf"
        if self.preview is not None:
            self.preview.close()
        self.preview = PrintPreviewDialog(printed.pdf, title, name, shell.view)
        self.preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview.destroyed.connect(lambda *_: setattr(self, "preview", None))
        self.preview.finished.connect(lambda *_: shell.view.activateWindow())  # keys go back
        self.preview.open()
        self.sig_preview_opened.emit(self.preview)

    def _failed(self, error: BaseException) -> None:
        self.sig_failed.emit(self.tr("Not printed: %1").replace("%1", str(error)))

    # -- downtime pack -------------------------------------------------------------------------
    def _build_pack(self) -> Path:
        return build_downtime_pack(
            self.shell.workstation, ward_id=self.shell.ward_id, lang=self.language
        )

    def start_refresher(self) -> None:
        """After login: build the ward's downtime pack in a minute and then every 4 hours."""
        if self.refresher is None:
            self.refresher = DowntimeRefresher(self._build_pack)
            self.first_pack.start()

    def _start_schedule(self) -> None:
        if self.refresher is not None:
            self.refresher.start()

    def stop_refresher(self) -> None:
        """On exit: stop the schedule (waits for a build in progress)."""
        self.first_pack.stop()
        if self.refresher is not None:
            self.refresher.stop()
            self.refresher = None

    def build_pack_now(self) -> None:
        """Build the pack on the worker lane and say where the file is."""
        shell = self.shell
        if shell.session is None or shell.locked:
            return
        shell.workers.run(tasks.downtime_pack_now, shell.workstation, shell.ward_id, self.language,
                          done=self._pack_built, failed=self._failed)  # fmt: skip

    def _pack_built(self, path: Path) -> None:
        self.sig_pack_built.emit(path)
        text = self.tr("Downtime pack written to %1").replace("%1", str(path))
        self.shell.view.status.showMessage(text, 30_000)
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Downtime pack"), text,
                          QMessageBox.StandardButton.Ok, self.shell.view)  # fmt: skip
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()


def install(shell: Any) -> PrintingController:
    """Add the Print actions (Ctrl+P, Print document, Build downtime pack now) to the shell."""
    return PrintingController(shell)
