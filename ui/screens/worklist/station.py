"""The nurse's screens in the shell: the scanner, the worklist beside the census, the MAR tab,
and the demo barcodes. Attached by the ShellController with one line."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QTabWidget

from ui.scanner import ScannerFilter
from ui.screens.mar.controller import MarController
from ui.screens.mar.view import MarView
from ui.screens.worklist.barcodes import DemoBarcodesDialog
from ui.screens.worklist.controller import WorklistController
from ui.screens.worklist.view import WorklistView
from workstation.clinical.barcodes import Scan, parse_scan
from workstation.security.policy import clinical_role

if TYPE_CHECKING:
    from ui.screens.shell.controller import ShellController


class NurseStation(QObject):
    """Owns the scanner filter and the nurse's screens; listens to the shell's facts."""

    def __init__(self, shell: ShellController):
        super().__init__(shell)
        self.shell = shell
        view = shell.view
        self.scanner = ScannerFilter(self)
        self.scan_taker: Callable[[Scan], None] | None = None  # a screen taking scans while open
        self.label_taker: Callable[[Scan], bool] | None = None  # True: a label it took (round)
        self.mar_view = MarView()
        self.mar = MarController(self.mar_view, shell.workstation, shell.workers, self)
        self.mar_tab = view.chart.tabs.addTab(self.mar_view, self.tr("&MAR"))
        self.worklist_view = WorklistView()
        self.worklist = WorklistController(
            self.worklist_view, shell.workstation, shell.workers, self
        )
        self.left = QTabWidget(objectName="leftTabs")
        index = view.work.indexOf(view.census)
        self.left.addTab(view.census, self.tr("Ward census"))
        self.left.addTab(self.worklist_view, self.tr("Nurse's worklist"))
        view.work.insertWidget(index, self.left)
        # the worklist's task column, the census's alerts, NEWS2, level and days beside the chart
        view.work.setSizes([640, 860])
        self._make_actions()
        self._connect()

    def _make_actions(self) -> None:
        view = self.shell.view
        self.mar_action = self.shell.view.menu_action(
            self.tr("M&AR (medication administration)"), "Ctrl+8", "patient"
        )
        self.worklist_action = self.shell.view.menu_action(
            self.tr("Nurse's &worklist"), "Ctrl+W", "station"
        )
        self.scan_box_action = self.shell.view.menu_action(
            self.tr("Type a &barcode"), "Ctrl+B", "station"
        )
        self.barcodes_action = QAction(self.tr("Demo &barcodes"), view)
        view.menus["help"].addAction(self.barcodes_action)
        self.actions = [
            self.mar_action,
            self.worklist_action,
            self.scan_box_action,
            self.barcodes_action,
        ]

    def _connect(self) -> None:
        shell = self.shell
        self.scanner.install()
        self.scanner.sig_scanned.connect(self.scanned)
        shell.sig_unlocked.connect(self._unlocked)
        shell.sig_locked.connect(self._locked)
        shell.chart.sig_chart_opened.connect(self.mar.show_patient)
        self.mar.sig_patient_open_requested.connect(self._open_for_scan)
        self.mar.sig_recorded.connect(lambda _id: self._changed())
        self.worklist.sig_patient_open_requested.connect(self._open_for_scan)
        self.mar_action.triggered.connect(self.show_mar)
        self.worklist_action.triggered.connect(self.show_worklist)
        self.scan_box_action.triggered.connect(self.focus_scan_box)
        for box in (self.mar_view.scan_input, self.worklist_view.scan_input):
            box.returnPressed.connect(lambda box=box: self._typed_code(box))
        self.barcodes_action.triggered.connect(
            lambda: DemoBarcodesDialog(
                shell.workstation, shell.workers, shell.ward_id, shell.view
            ).open()
        )
        shell.sig_synced.connect(lambda _outcome: self._changed(reload_mar=True))
        self._locked()

    def _unlocked(self) -> None:
        self.scanner.enabled = True
        for action in self.actions:
            action.setEnabled(True)
        self.worklist.start(self.shell.ward_id)
        if self.shell.session is not None and clinical_role(self.shell.session.role) == "nurse":
            QTimer.singleShot(0, self.show_worklist)  # after the shell focuses the census search

    def _locked(self) -> None:
        self.scanner.enabled = False
        for action in self.actions:
            action.setEnabled(False)
        self.mar.clear()
        self.worklist.clear()

    def _changed(self, *, reload_mar: bool = False) -> None:
        self.worklist.refresh()
        if reload_mar:
            self.mar.reload()

    def scanned(self, code: Scan) -> None:
        """Route a scan: to the screen taking scans (ward receipt), if one is open; a running
        bag's label to its infusion round; else a wristband opens that patient and a drug goes
        to the MAR."""
        if self.shell.session is None or self.shell.locked:
            return
        if self.scan_taker is not None:
            self.scan_taker(code)
            return
        if self.label_taker is not None and self.label_taker(code):
            return
        if code.kind != "wristband":
            self.show_mar()
        self.mar.handle_scan(code)

    def _typed_code(self, box: QLineEdit) -> None:
        code = parse_scan(box.text())
        box.clear()
        if code is None:
            self.show_mar()
            self.mar_view.show_message(self.tr("That is not a wristband or drug code."), "warn")
            return
        self.scanned(code)

    def focus_scan_box(self) -> None:
        """Ctrl+B: the code box of the MAR when it is shown, else of the worklist."""
        if (
            self.shell.view.chart.tabs.currentWidget() is self.mar_view
            and self.mar_view.isVisible()
        ):
            self.mar_view.scan_input.setFocus()
        else:
            self.left.setCurrentWidget(self.worklist_view)
            self.worklist_view.scan_input.setFocus()

    def _open_for_scan(self, patient_id: str) -> None:
        self.shell.chart.open(patient_id)
        self.show_mar()

    def show_mar(self) -> None:
        """The MAR tab of the open patient; the grid takes the keyboard."""
        tabs = self.shell.view.chart.tabs
        tabs.setCurrentWidget(self.mar_view)
        self.mar_view.table.setFocus()

    def show_worklist(self) -> None:
        """The worklist beside the census; its list takes the keyboard."""
        self.shell.view.show_census_pane()  # hidden by Ctrl+\: back
        self.left.setCurrentWidget(self.worklist_view)
        self.worklist_view.table.setFocus()
