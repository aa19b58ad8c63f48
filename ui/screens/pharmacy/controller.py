"""The pharmacy's logic: which order or prescription is selected, running the work on a worker,
and showing what came back. Offered to pharmacists only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit

from offline_cache.workstation import Workstation
from ui import paths
from ui.screens.pharmacy import tasks
from ui.screens.pharmacy.detail import detail_html
from ui.screens.pharmacy.formulary_view import FormularyImportController
from ui.screens.pharmacy.returns import ReturnsController
from ui.screens.pharmacy.view import COUNTER, FORMULARY, RETURNS, STOCK, VERIFY, WARD, PharmacyView
from ui.workers import Workers
from workstation.clinical.dispensing import Prescription
from workstation.clinical.verification import WaitingOrder

translate = QCoreApplication.translate

PHARMACY_ROLES = frozenset({"pharmacist"})
FORMULARY_ROLES = frozenset({"pharmacist", "admin"})


class PharmacyController(QObject):
    """Wires the pharmacy page to the workstation through the worker lane."""

    sig_decided = Signal(str, str)  # kind, order_id
    sig_dispensed = Signal(dict)  # the Dispensed payload
    sig_handed_over = Signal(str)  # prescription_id
    sig_stock_changed = Signal()
    sig_refused = Signal(str)  # why an action was refused
    sig_exported = Signal(object)  # (xlsx, pdf)
    sig_queue_shown = Signal(int)
    sig_labels_saved = Signal(object)  # the Path of a dispensing labels PDF

    def __init__(self, view: PharmacyView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.waiting: list[WaitingOrder] = []
        self.user_names: dict[str, str] = {}
        self.serving: Prescription | None = None
        self.export_dir = paths.user_data_dir() / "exports"
        self.label_dir = paths.user_data_dir() / "labels"
        self.ward_id: str | None = None
        self.actions: list[QAction] = []
        v = view
        v.verification.sig_row_changed.connect(self._show_detail)
        v.verification.sig_verify_requested.connect(self._verify)
        v.verification.sig_words_requested.connect(self._ask_words)
        v.verification.sig_words_entered.connect(self._decide)
        v.counter.sig_call_next_requested.connect(self.call_next)
        v.counter.sig_scanned.connect(self._counter_scan)
        v.counter.sig_hand_over_requested.connect(self._hand_over)
        v.ward.sig_scanned.connect(self._pick_scan)
        v.ward.sig_print_requested.connect(self._print_pick_list)
        v.ward.ward.currentIndexChanged.connect(self.refresh_ward)
        v.stock.sig_change_requested.connect(self._stock_change)
        v.stock.sig_export_requested.connect(self._export)
        self.sig_refused.connect(self._show_refusal)
        self.returns = ReturnsController(v.returns, workers, workstation, self)
        self.formulary = FormularyImportController(v.formulary, workers, workstation, self)

    # -- running work ------------------------------------------------------------------------
    def _run(self, function: Any, *args: Any, done: Any = None) -> None:
        self.workers.run(function, self.workstation, *args, done=done,
                         failed=lambda error: self.sig_refused.emit(str(error)))  # fmt: skip

    def _show_refusal(self, text: str) -> None:
        page = self.view.tabs.currentIndex()
        label = {VERIFY: self.view.verification.message, WARD: self.view.ward.message,
                 COUNTER: self.view.counter.message, STOCK: self.view.stock.message,
                 FORMULARY: self.view.formulary.message,
                 RETURNS: self.view.returns.message}[page]  # fmt: skip
        label.setText(text)

    def show_tab(self, index: int) -> None:
        """Bring a tab forward, load it and give its main field the keyboard."""
        self.view.tabs.setCurrentIndex(index)
        if index == VERIFY:
            self.view.verification.table.setFocus()
            self.refresh_queue()
        elif index == COUNTER:
            self.view.counter.scan.setFocus()
            self.refresh_counter()
        elif index == WARD:
            self.view.ward.scan.setFocus()
            if self.view.ward.ward.count():
                self.refresh_ward()
            else:  # the wards by name first, this station's chosen
                self._run(tasks.ward_choices, self._lang() == "zh_CN", done=self._wards_loaded)
        elif index == FORMULARY:
            self.view.formulary.path.setFocus()
        elif index == RETURNS:
            self.view.returns.scan.setFocus()
        else:
            self.view.stock.fields["drug_code"].setFocus()
            self.refresh_stock()

    def clear(self) -> None:
        """Lock: every tab emptied (queue and detail, counter, pick list, stock, returns, the
        fields typed in and the messages naming a drug or a patient)."""
        self.waiting, self.serving = [], None
        v = self.view
        v.verification.show_queue([])
        v.verification.detail.clear()
        v.counter.show_waiting([])
        v.counter.show_serving(None)
        v.ward.show_lines([])
        v.ward.set_wards([], None)  # read again on the next visit, for whoever logs in
        v.stock.show_stock([], [], {})
        v.returns.show_items([])  # (not clear_return: it takes the keyboard from the lock page)
        for page in (v.verification, v.counter, v.ward, v.stock, v.returns, v.formulary):
            page.message.clear()
        for field in v.findChildren(QLineEdit):
            field.clear()

    # -- verification ------------------------------------------------------------------------
    def refresh_queue(self, keep_row: int = 0) -> None:
        """Reload the queue."""
        self._run(tasks.queue_and_names, done=lambda found: self._queue_loaded(*found, keep_row))

    def _queue_loaded(
        self, waiting: list[WaitingOrder], names: dict[str, str], keep_row: int
    ) -> None:
        self.waiting, self.user_names = waiting, names
        self.view.verification.show_queue(waiting, keep_row)
        if waiting:
            self._show_detail(self.view.verification.table.currentRow())
        self.sig_queue_shown.emit(len(waiting))

    def _current(self) -> WaitingOrder | None:
        row = self.view.verification.table.currentRow()
        return self.waiting[row] if 0 <= row < len(self.waiting) else None

    def _show_detail(self, row: int) -> None:
        if 0 <= row < len(self.waiting):
            self.view.verification.detail.setHtml(detail_html(self.waiting[row], self.user_names))

    def _verify(self) -> None:
        """Verify; while the allergy status is "not yet documented", only with a reason."""
        entry = self._current()
        if entry is not None and entry.held:
            self.view.verification.ask_words("verify_override")
        else:
            self._decide("verify", "")

    def _ask_words(self, kind: str) -> None:
        if self._current() is not None:
            self.view.verification.ask_words(kind)

    def _decide(self, kind: str, words: str) -> None:
        entry = self._current()
        if entry is None:
            return
        row = self.view.verification.table.currentRow()
        self.view.verification.message.clear()

        def decided(_event_id: str) -> None:
            self.view.verification.hide_words()
            self.view.verification.message.setText(
                {"verify": self.tr("Verified: %1"), "verify_override": self.tr("Verified: %1"),
                 "reject": self.tr("Rejected: %1"), "change": self.tr("Change asked: %1")}[kind].replace("%1", entry.order["description"])
            )  # fmt: skip
            self.sig_decided.emit(kind, entry.order_id)
            self.refresh_queue(row if kind != "change" else row + 1)

        self._run(tasks.decide, kind, entry.patient["patient_id"], entry.order_id, words,
                  done=decided)  # fmt: skip

    # -- outpatient counter ------------------------------------------------------------------
    def refresh_counter(self) -> None:
        """Reload the waiting numbers and the prescription being served."""
        self._run(tasks.outpatients, done=self._counter_loaded)

    def _counter_loaded(self, queue: list[Prescription]) -> None:
        self.view.counter.show_waiting(queue)
        if self.serving is not None:
            self.serving = next(
                (p for p in queue if p.prescription_id == self.serving.prescription_id), None
            )
        self.view.counter.show_serving(self.serving)

    def call_next(self) -> None:
        """Serve the lowest waiting number not being served."""

        def called(queue: list[Prescription]) -> None:
            self.serving = queue[0] if queue else None
            self.view.counter.message.setText("" if queue else self.tr("Nobody is waiting."))
            self._counter_loaded(queue)

        self._run(tasks.outpatients, done=called)

    def _counter_scan(self, code: str) -> None:
        if self.serving is None:
            self.sig_refused.emit(self.tr("Call a number first (F5)."))
            return

        def dispensed(payload: dict[str, Any]) -> None:
            self.view.counter.message.setText(
                self.tr("Dispensed %1 %2, lot %3").replace("%1", f"{payload['quantity']:g}")
                .replace("%2", payload["unit"]).replace("%3", payload["lot"])
            )  # fmt: skip
            self.sig_dispensed.emit(payload)
            self.refresh_counter()

        self._run(tasks.counter_scan, self.serving.prescription_id, code, done=dispensed)

    def _hand_over(self, note: str) -> None:
        if self.serving is None:
            return
        prescription_id = self.serving.prescription_id

        def handed(_result: None) -> None:
            self.serving = None
            self.view.counter.note.clear()
            self.view.counter.message.setText(self.tr("Handed over."))
            self.sig_handed_over.emit(prescription_id)
            self.refresh_counter()
            self._run(tasks.outpatient_labels, prescription_id, self.label_dir, self._lang(),
                      done=lambda path: self._labels_saved(self.view.counter.message, path))  # fmt: skip

        self._run(tasks.hand_over, prescription_id, note, done=handed)

    # -- ward dispensing and stock -----------------------------------------------------------
    def _wards_loaded(self, choices: list[tuple[str, str]]) -> None:
        self.view.ward.set_wards(choices, self.ward_id)
        self.refresh_ward()

    def refresh_ward(self) -> None:
        """Reload the pick list of the ward chosen."""
        ward = self._pick_ward()
        if ward:
            self._run(tasks.pick_list, ward, done=self.view.ward.show_lines)

    def _pick_scan(self, code: str) -> None:
        def picked(result: tuple[Any, Path]) -> None:
            self.view.ward.message.setText(
                self.tr("Picked: %1").replace("%1", result[0].description)
            )
            self._labels_saved(self.view.ward.message, result[1])
            self.refresh_ward()

        self._run(tasks.pick_and_label, self._pick_ward(), code,
                  self.label_dir, self._lang(), done=picked)  # fmt: skip

    def _pick_ward(self) -> str:
        """The ward chosen; this station's own until the list of wards has come."""
        return self.view.ward.ward_id() or self.ward_id or ""

    def _print_pick_list(self) -> None:
        ward = self._pick_ward()
        if ward:
            self._run(tasks.print_pick_list, ward, self.label_dir, self._lang(),
                      done=lambda path: self._labels_saved(self.view.ward.message, path))  # fmt: skip

    def _lang(self) -> str:
        return "zh_CN" if self.tr("Stock") != "Stock" else "en_US"

    def _labels_saved(self, label: Any, path: Path) -> None:
        label.setText(" · ".join(x for x in (label.text(), self.tr("Labels saved: %1")
                                              .replace("%1", str(path))) if x))  # fmt: skip
        self.sig_labels_saved.emit(path)

    def refresh_stock(self) -> None:
        """Reload lots and alerts."""
        self._run(tasks.stock_view, None, self._lang(),
                  done=lambda s: self.view.stock.show_stock(s.lots, s.alerts, s.names, s.places))  # fmt: skip

    def _stock_change(self, kind: str, fields: dict[str, str]) -> None:
        def changed(_result: None) -> None:
            self.view.stock.message.setText(self.tr("Saved."))
            self.sig_stock_changed.emit()
            self.refresh_stock()

        self._run(tasks.stock_change, kind, fields, done=changed)

    def _export(self) -> None:
        def exported(files: tuple[Path, Path]) -> None:
            self.view.stock.message.setText(self.tr("Saved %1 and %2").replace(
                "%1", str(files[0])).replace("%2", str(files[1])))  # fmt: skip
            self.sig_exported.emit(files)

        self._run(tasks.export_stock, self.export_dir, self._lang(), done=exported)


def install(shell: Any) -> PharmacyController:
    """Add the pharmacy page to the shell's pages and its actions (F11 queue, F12 counter,
    Ctrl+F11 ward dispensing, Ctrl+F12 stock, Shift+F12 returns, the formulary import) to a
    Pharmacy menu, enabled for pharmacists (the formulary import also for administrators) while
    the station is unlocked."""
    window, pages = shell.view, shell.view.pages
    view = PharmacyView()
    pages.addWidget(view)
    controller = PharmacyController(view, shell.workstation, shell.workers, shell)
    menu = window.menuBar().addMenu(translate("PharmacyController", "Phar&macy"))
    actions: list[QAction] = []
    for text, keys, tab in ((translate("PharmacyController", "&Verification queue"), "F11", VERIFY),
                            (translate("PharmacyController", "Outpatient &counter"), "F12", COUNTER),
                            (translate("PharmacyController", "&Ward dispensing"), "Ctrl+F11", WARD),
                            (translate("PharmacyController", "&Stock"), "Ctrl+F12", STOCK),
                            (translate("PharmacyController", "&Returns"), "Shift+F12", RETURNS),
                            (translate("PharmacyController", "&Formulary import"), "", FORMULARY)):  # fmt: skip
        action = QAction(text, window)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(False)
        action.triggered.connect(lambda _checked=False, i=tab: _open(pages, view, controller, i))
        window.addAction(action)
        menu.addAction(action)
        actions.append(action)

    def unlocked() -> None:
        role = shell.session.role if shell.session is not None else None
        controller.ward_id = shell.ward_id
        for action in actions:
            action.setEnabled(role in PHARMACY_ROLES)
        actions[-1].setEnabled(role in FORMULARY_ROLES)

    def leave() -> None:
        if pages.currentWidget() is view:
            pages.setCurrentWidget(window.work)
            shell.census.focus_search()

    shell.sig_unlocked.connect(unlocked)

    def locked() -> None:
        for action in actions:
            action.setEnabled(False)
        controller.clear()

    shell.sig_locked.connect(locked)
    shell.chart.sig_chart_opened.connect(
        lambda *_: leave() if pages.currentWidget() is view else None
    )
    window.find_action.triggered.connect(leave)
    controller.actions = actions
    return controller


def _open(pages: Any, view: PharmacyView, controller: PharmacyController, tab: int) -> None:
    pages.setCurrentWidget(view)
    controller.show_tab(tab)
