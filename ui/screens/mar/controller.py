"""The MAR's logic: the open patient's doses, scans checked against the five rights, recording."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from offline_cache.workstation import Workstation
from ui import tasks as shell_tasks
from ui.scanner import ScanCode, parse_product
from ui.screens.mar import tasks
from ui.screens.mar.doses import Dose, MarOrder, mar_orders
from ui.screens.mar.payloads import (
    bedside_payload,
    outside_window,
    reasons,
)
from ui.screens.mar.rights import RightsCheck, ScannedDrug, check_scan
from ui.screens.mar.view import MarView
from ui.workers import Workers
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import utc_now

RESULT_OF = {"patient": "wrong_patient", "drug": "wrong_drug", "dose": "wrong_dose",
             "route": "wrong_route", "time": "wrong_time"}  # fmt: skip


class MarController(QObject):
    """Holds the open patient, the wristband scanned for them and the dose in the form."""

    sig_patient_open_requested = Signal(str)  # a wristband was scanned
    sig_scan_checked = Signal(object)  # RightsCheck
    sig_recorded = Signal(str)  # the administration's event id
    sig_record_failed = Signal(str)

    def __init__(self, view: MarView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.times = AdministrationTimes.load()
        self.patient_id: str | None = None
        self.patient: dict[str, Any] | None = None
        self.orders: list[MarOrder] = []
        self.wristband: tuple[str, str] | None = None  # (patient id, code scanned)
        self.current: Dose | None = None
        self.check: RightsCheck | None = None
        self.drug_scanned: str | None = None
        self.hand_chosen = False
        self.unable_count = 0
        self._connect()
        self.clear()

    def _connect(self) -> None:
        v = self.view
        v.confirm.clicked.connect(self.confirm)
        v.witness_password.returnPressed.connect(self.confirm)
        v.unable.clicked.connect(self.unable_to_scan)
        QShortcut(QKeySequence("Ctrl+U"), v, self.unable_to_scan,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)  # fmt: skip
        v.outcome.currentIndexChanged.connect(lambda _i: self._outcome_changed())
        v.table.activated.connect(lambda index: self._choose(self.view.model.dose_at(index.row())))

    # -- the patient -------------------------------------------------------------------------
    def show_patient(self, patient_id: str) -> None:
        """Load (or reload) a patient's MAR."""
        if patient_id != self.patient_id:
            self._reset_form()
        self.patient_id = patient_id
        self.workers.run(tasks.load_mar, self.workstation, patient_id, done=self._loaded)

    def reload(self) -> None:
        """Read the open patient's MAR again."""
        if self.patient_id:
            self.show_patient(self.patient_id)

    def clear(self) -> None:
        """No patient (lock, logout): nothing left in the widgets."""
        self.patient_id, self.patient, self.orders, self.wristband = None, None, [], None
        self.view.model.set_orders([])
        self._reset_form()
        self.view.prompt.setText(self.tr("Scan the patient's wristband to open their MAR."))

    def _loaded(self, chart: dict[str, Any]) -> None:
        patient = chart["patient"]
        if patient is None or patient["patient_id"] != self.patient_id:
            return
        self.patient = patient
        self.orders = mar_orders(chart, utc_now(), times=self.times)
        self.view.model.set_orders(self.orders, shell_tasks.user_names(self.workstation))
        self._prompt()
        if self.current is not None:
            row = self.view.model.row_of(self.current)
            if row >= 0:
                self.view.table.selectRow(row)

    def _prompt(self) -> None:
        if self.patient is None:
            return
        name = f"{self.patient['name']} ({self.tr('bed %1').replace('%1', self.patient['bed'])})"
        if self.wristband and self.wristband[0] == self.patient_id:
            text = self.tr("%1: wristband scanned. Scan the drug label.").replace("%1", name)
        else:
            text = self.tr(
                "%1: scan the wristband before giving a dose (Ctrl+U if it cannot be scanned)."
            ).replace("%1", name)
        self.view.prompt.setText(text)

    # -- scans -------------------------------------------------------------------------------
    def handle_scan(self, code: ScanCode) -> None:
        """A wristband opens its patient; a drug code is matched to the due dose."""
        if code.kind == "wristband":
            self.workers.run(tasks.find_by_wristband, self.workstation, code.value,
                             done=lambda patient: self._wristband_found(patient, code))  # fmt: skip
        elif code.kind == "label":
            self.workers.run(tasks.find_order, self.workstation, code.value,
                             done=lambda order: self._label_found(order, code))  # fmt: skip
        else:
            self._product_scanned(code)

    def _wristband_found(self, patient: dict[str, Any] | None, code: ScanCode) -> None:
        if patient is None:
            self.view.show_message(
                self.tr("This wristband (%1) is not a patient known on this station.").replace(
                    "%1", code.raw
                ),
                "block",
            )
            return
        self.wristband = (patient["patient_id"], code.raw)
        self.view.show_message(self.tr("Patient identified: %1, bed %2. Now scan the drug.")
                               .replace("%1", patient["name"]).replace("%2", patient["bed"]), "ok")  # fmt: skip
        self.sig_patient_open_requested.emit(patient["patient_id"])

    def _label_found(self, order: dict[str, Any] | None, code: ScanCode) -> None:
        if order is None or order.get("order_kind") != "medication":
            self.view.show_message(
                self.tr(
                    "This label is not a medication order known on this station. Do not give it."
                ),
                "block",
            )
            return
        scanned = ScannedDrug(order, order.get("drug_code") or "", order.get("drug_name") or "",
                              route=order.get("route"))  # fmt: skip
        self._check(scanned, code.raw, order)

    def _product_scanned(self, code: ScanCode) -> None:
        parts = parse_product(code.value)
        if parts is None:
            self.view.show_message(self.tr("This drug barcode cannot be read."), "block")
            return
        drug, strength, unit, route = parts
        self._check(ScannedDrug(None, drug, drug, strength, unit, route), code.raw, None)

    def _check(self, scanned: ScannedDrug, raw: str, order: dict[str, Any] | None) -> None:
        if self.patient_id is None or self.patient is None:
            self.view.show_message(self.tr("Scan the patient's wristband first."), "block")
            return
        others = order["patient"] if order and order.get("patient") else None
        check = check_scan(self.orders, self.patient_id, scanned, selected=self._selected_open(),
                           now=utc_now(), patient_label=lambda _pid: self._who(others))  # fmt: skip
        self.check, self.drug_scanned = check, raw
        if check.blocked:
            self._blocked(check, order, raw)
        else:
            self._matched(check)
        self.sig_scan_checked.emit(check)

    @staticmethod
    def _who(patient: dict[str, Any] | None) -> str:
        return f"{patient['name']}, bed {patient['bed']}" if patient else "another patient"

    def _selected_open(self) -> Dose | None:
        return self.current if self.hand_chosen else None

    def _blocked(self, check: RightsCheck, order: dict[str, Any] | None, raw: str) -> None:
        self.view.show_message("⛔ " + "\n".join(p.message for p in check.problems), "block")
        self._reset_form(keep_message=True)
        result = RESULT_OF[check.problems[0].right] if check.problems else "unknown_code"
        wristband = (
            self.wristband[1] if self.wristband and self.wristband[0] == self.patient_id else None
        )
        payload = bedside_payload(None, order["order_id"] if order else None, result,
                                  wristband=wristband, drug_code=raw)  # fmt: skip
        if payload is not None and self.patient_id is not None:
            self.workers.run(tasks.record_bedside_check, self.workstation, self.patient_id, payload)

    def _matched(self, check: RightsCheck) -> None:
        assert check.dose is not None
        self._choose(check.dose, scanned=True)
        if not self.wristband or self.wristband[0] != self.patient_id:
            self.view.show_message(
                self.tr(
                    "Drug matched, but this patient's wristband was not scanned: scan it, or press Ctrl+U and say why it cannot be."
                ),
                "warn",
            )
        elif check.problems:
            self.view.show_message("⚠ " + "\n".join(p.message for p in check.problems), "warn")
        else:
            self.view.show_message(
                self.tr(
                    "✔ Right patient, drug, dose, route and time. Press Enter to record it as given."
                ),
                "ok",
            )
        self._focus_next()

    # -- the form ----------------------------------------------------------------------------
    def _choose(self, dose: Dose | None, *, scanned: bool = False) -> None:
        if dose is None or dose.state not in ("due", "overdue", "coming", "prn"):
            return
        if not scanned:
            self.check, self.drug_scanned = None, None
        self.current, self.hand_chosen = dose, not scanned
        v, order = self.view, dose.order
        v.form.setEnabled(True)
        v.dose_title.setText(f"{order.get('drug_name')} — {v.model._text(dose, 2)}")
        v.outcome.setCurrentIndex(0)
        v.dose_value.setText(
            f"{order.get('dose_value'):g}" if order.get("dose_value") is not None else ""
        )
        v.dose_unit.setText(str(order.get("dose_unit") or ""))
        v.route.setText(str(order.get("route") or ""))
        v.site.clear()
        v.time.setText(utc_now().astimezone(self.times.zone).strftime("%H:%M"))
        v.indication.setText(str(order.get("prn_indication") or ""))
        v.show_indication(dose.scheduled_for is None)
        v.show_witness(dose.order_id in v.model.high_alert)
        v.witness_user.clear()
        v.witness_password.clear()
        self._outcome_changed()
        row = v.model.row_of(dose)
        if row >= 0:
            v.table.selectRow(row)

    def _outcome_changed(self) -> None:
        outcome = self.view.outcome.currentData()
        dose = self.current
        late = dose is not None and outside_window(dose, utc_now())
        warned = self.check is not None and self.check.needs_reason
        if outcome == "given":
            self.view.show_reason(late or warned, reasons("timing") if late else [])
        else:
            self.view.show_reason(True, reasons(outcome))

    def _focus_next(self) -> None:
        v = self.view
        if self.check and self.check.needs_reason and v.reason.isVisible():
            v.reason.setFocus()
        elif v.witness_user.isVisible():
            v.witness_user.setFocus()
        else:
            v.confirm.setFocus()

    def unable_to_scan(self) -> None:
        """Ctrl+U: record the chosen dose without scanning, with a reason (counted)."""
        if self.current is None:
            dose = self.view.model.dose_at(self.view.table.currentIndex().row())
            self._choose(dose)
        if self.current is None:
            self.view.show_message(
                self.tr("Choose the dose in the grid first (arrow keys), then Ctrl+U."), "warn"
            )
            return
        self.view.show_unable(True, reasons("unable"))
        self.view.unable_reason.setFocus()

    def _reset_form(self, *, keep_message: bool = False) -> None:
        self.current, self.check, self.drug_scanned, self.hand_chosen = None, None, None, False
        v = self.view
        v.form.setEnabled(False)
        v.dose_title.setText(self.tr("Scan a drug, or choose a dose in the grid and press Enter."))
        for field in (
            v.dose_value,
            v.route,
            v.site,
            v.time,
            v.indication,
            v.witness_user,
            v.witness_password,
        ):
            field.clear()
        v.dose_unit.clear()
        v.show_reason(False, [])
        v.show_indication(False)
        v.show_unable(False, [])
        v.show_witness(False)
        if not keep_message:
            v.show_message("", "info")

    def confirm(self) -> None:
        """Enter / Record: check the form, then save the bedside check and the administration."""
        from ui.screens.mar.recording import submit

        submit(self)
