"""The MAR's logic: the open patient's doses, scans checked against the five rights, recording."""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut

from offline_cache.workstation import Workstation
from ui import tasks as shell_tasks
from ui.screens.mar import controlled_tasks, messages, tasks
from ui.screens.mar.payloads import reasons
from ui.screens.mar.skin_test_dialog import SkinTestDialog
from ui.screens.mar.view import MarView
from ui.workers import Workers
from workstation.clinical.allergy_status import AllergyStatus, allergy_status
from workstation.clinical.barcodes import Scan
from workstation.clinical.bcma import (
    BedsideCheck,
    Problem,
    bedside_payload,
    check_drug,
    check_wristband,
)
from workstation.clinical.controlled import skin_test_substance
from workstation.clinical.mar import OPEN_STATES, MarDose, MarRow, NursingSettings, is_early_or_late
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import utc_now


class MarController(QObject):
    """Holds the open patient, the wristband scanned for them and the dose in the form."""

    sig_patient_open_requested = Signal(str)  # a wristband was scanned
    sig_scan_checked = Signal(object)  # workstation.clinical.bcma.BedsideCheck
    sig_recorded = Signal(str)  # the administration's event id
    sig_record_failed = Signal(str)
    sig_skin_test_saved = Signal(str)  # the SkinTestRecorded event id

    def __init__(self, view: MarView, workstation: Workstation, workers: Workers,
                 parent: QObject | None = None):  # fmt: skip
        super().__init__(parent)
        self.view, self.workstation, self.workers = view, workstation, workers
        self.times = AdministrationTimes.load()
        self.settings = NursingSettings.load()
        self.patient_id: str | None = None
        self.patient: dict[str, Any] | None = None
        self.rows: list[MarRow] = []
        self.wristband: Scan | None = None  # the last wristband scanned
        self.current: MarDose | None = None
        self.check: BedsideCheck | None = None
        self.drug_scanned: Scan | None = None
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
        QShortcut(QKeySequence("Ctrl+Shift+T"), v, self.record_skin_test,
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
        self.patient_id, self.patient, self.rows, self.wristband = None, None, [], None
        self.allergy: AllergyStatus | None = None
        self.view.model.set_rows([])
        self._reset_form()
        self.view.prompt.setText(self.tr("Scan the patient's wristband to open their MAR."))

    def _loaded(self, chart: dict[str, Any]) -> None:
        patient = chart["patient"]
        if patient is None or patient["patient_id"] != self.patient_id:
            return
        self.patient = patient
        self.allergy = allergy_status(chart)
        self.rows = tasks.mar_rows(chart, utc_now(), settings=self.settings, times=self.times,
                                   formulary=self.workstation.store.reference.formulary())  # fmt: skip
        self.view.model.set_rows(self.rows, shell_tasks.user_names(self.workstation))
        self._prompt()
        if self.current is not None:
            row = self.view.model.row_of(self.current)
            if row >= 0:
                self.view.table.selectRow(row)

    def _prompt(self) -> None:
        if self.patient is None:
            return
        bed = self.tr("bed %1").replace("%1", self.patient["bed"])
        name = f"{self.patient['name']} ({bed})"
        if self.wristband_checked() is not None:
            text = self.tr("%1: wristband scanned. Scan the drug label.").replace("%1", name)
        else:
            text = self.tr(
                "%1: scan the wristband before giving a dose (Ctrl+U if it cannot be scanned)."
            ).replace("%1", name)
        self.view.prompt.setText(text)

    # -- scans -------------------------------------------------------------------------------
    def handle_scan(self, code: Scan) -> None:
        """A wristband opens its patient; a drug code is matched to the due dose."""
        if code.kind == "wristband":
            self.workers.run(tasks.find_by_wristband, self.workstation, code.record_number,
                             done=lambda patient: self._wristband_found(patient, code))  # fmt: skip
        elif code.kind == "label":
            self.workers.run(tasks.find_order, self.workstation, code.order_id,
                             done=lambda order: self._check(code, order))  # fmt: skip
        else:
            self._check(code, None)

    def wristband_checked(self) -> Scan | None:
        """The wristband scanned, when it names the patient whose MAR is open (core rule)."""
        if self.wristband is None or self.patient is None:
            return None
        return self.wristband if check_wristband(self.patient, self.wristband) is None else None

    def _wristband_found(self, patient: dict[str, Any] | None, code: Scan) -> None:
        if patient is None:
            self.view.show_message(
                self.tr("This wristband (%1) is not a patient known on this station.").replace(
                    "%1", code.raw
                ),
                "block",
            )
            return
        self.wristband = code
        self.view.show_message(self.tr("Patient identified: %1, bed %2. Now scan the drug.")
                               .replace("%1", patient["name"]).replace("%2", patient["bed"]), "ok")  # fmt: skip
        self.sig_patient_open_requested.emit(patient["patient_id"])

    def _check(self, drug: Scan, order: dict[str, Any] | None) -> None:
        if self.patient_id is None or self.patient is None:
            self.view.show_message(self.tr("Scan the patient's wristband first."), "block")
            return
        now = utc_now()
        found = check_drug(self.patient, self.rows, drug, now=now, settings=self.settings,
                           lookup=lambda _order_id: order)  # fmt: skip
        check = self._against_chosen(found, drug, order)
        self.check, self.drug_scanned = check, drug
        texts = [messages.problem_text(p, check, drug, now=now, label_order=order)
                 if check is found else p.message for p in check.problems]  # fmt: skip
        if check.blocked:
            self._blocked(check, drug, texts)
        else:
            self._matched(check, texts)
        self.sig_scan_checked.emit(check)

    def _against_chosen(self, check: BedsideCheck, drug: Scan,
                        order: dict[str, Any] | None) -> BedsideCheck:  # fmt: skip
        """A dose chosen by hand in the grid must be the one whose drug was scanned."""
        chosen = self.current if self.hand_chosen else None
        if chosen is None or (check.dose is not None and check.dose.order_id == chosen.order_id):
            return check
        if check.blocked and check.problems and check.problems[0].code == "wrong_patient":
            return check
        scanned = messages.drug_name(check, drug, order)
        text = messages.chosen_dose_text(scanned, self.view.model.order_of(chosen)["drug_name"])
        return BedsideCheck(None, check.row, [Problem("wrong_drug", text, True)])

    def _blocked(self, check: BedsideCheck, drug: Scan, texts: list[str]) -> None:
        self.view.show_message("\n".join(texts), "block")
        self._reset_form(keep_message=True)
        order_id = check.row.order_id if check.row is not None else drug.order_id
        if order_id is None or self.patient_id is None:
            return
        payload = bedside_payload(check, order_id, wristband=self.wristband_checked(), drug=drug)
        self.workers.run(tasks.record_bedside_check, self.workstation, self.patient_id, payload)

    def _matched(self, check: BedsideCheck, texts: list[str]) -> None:
        assert check.dose is not None
        self._choose(check.dose, scanned=True)
        if self.wristband_checked() is None:
            self.view.show_message(
                self.tr(
                    "Drug matched, but this patient's wristband was not scanned: scan it, or press Ctrl+U and say why it cannot be."
                ),
                "warn",
            )
        elif texts:
            self.view.show_message("\n".join(texts), "warn")
        else:
            self.view.show_message(
                self.tr(
                    "Right patient, drug, dose, route and time. Press Enter to record it as given."
                ),
                "ok",
            )
        self._focus_next()

    # -- the form ----------------------------------------------------------------------------
    def _choose(self, dose: MarDose | None, *, scanned: bool = False) -> None:
        if dose is None or dose.status not in (*OPEN_STATES, "prn"):
            return
        if not scanned:
            self.check, self.drug_scanned = None, None
        self.current, self.hand_chosen = dose, not scanned
        v, order = self.view, self.view.model.order_of(dose)
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
        v.show_indication(self.view.model.rows[dose.order_id].prn)
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
        late = (
            dose is not None
            and dose.scheduled_for is not None
            and is_early_or_late(dose.scheduled_for, utc_now(), self.settings.window)
        )
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

    def record_skin_test(self) -> None:
        """Ctrl+Shift+T: the skin-test result of the chosen row's drug, with a second nurse (皮试)."""
        dose = self.current or self.view.model.dose_at(self.view.table.currentIndex().row())
        row = next((r for r in self.rows if dose and r.order_id == dose.order_id), None)
        if self.patient_id is None or row is None or row.skin_test is None:
            self.view.show_message(self.tr("Choose a drug that needs a skin test first."), "warn")
            return
        drug = self.workstation.store.reference.formulary().by_code(
            row.order.get("drug_code") or ""
        )
        dialog = SkinTestDialog(skin_test_substance(drug.entry if drug else None) or "", self.view)
        dialog.accepted.connect(lambda: self._save_skin_test(dialog, row))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_skin_test(self, dialog: SkinTestDialog, row: MarRow) -> None:
        witness = tasks.Witness(dialog.witness_user.text().strip(), dialog.witness_password.text())
        save = partial(controlled_tasks.record_skin_test, substance=dialog.substance.text(),
                       result=dialog.result.currentData(), witness=witness,
                       drug_code=row.order.get("drug_code"),
                       reaction=dialog.reaction.text().strip() or None)  # fmt: skip
        self.workers.run(save, self.workstation, self.patient_id, done=self._skin_test_saved,
                         failed=self._skin_test_failed)  # fmt: skip

    def _skin_test_saved(self, event_id: str) -> None:
        self.view.show_message(self.tr("Skin test saved."), "ok")
        self.view.table.setFocus()  # ready for the next scan
        self.sig_skin_test_saved.emit(event_id)
        self.reload()

    def _skin_test_failed(self, error: Exception) -> None:
        self.view.show_message(str(error), "block")
        self.sig_record_failed.emit(str(error))

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
