"""Recording one dose from the MAR form: validation, the second nurse, the save on the worker."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from offline_cache.session import LoginRefused
from ui.screens.mar import tasks
from ui.screens.mar.payloads import (
    DoseForm,
    administered_at,
    administration_payload,
    first_form_problem,
    form_problem,
)
from workstation.clinical.bcma import (
    administration_problems,
    allergy_problem,
    bedside_payload,
    unable_to_scan_payload,
)
from workstation.clock import utc_now

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from ui.screens.mar.controller import MarController


def _form(controller: MarController) -> DoseForm:
    v = controller.view
    return DoseForm(outcome=v.outcome.currentData(), dose_value=v.dose_value.text(),
                    dose_unit=v.dose_unit.text(), route=v.route.text(), site=v.site.text(),
                    time_text=v.time.text(), reason=v.reason.currentText(),
                    indication=v.indication.text())  # fmt: skip


def _scan_problem(controller: MarController, outcome: str) -> str | None:
    """Why a given dose cannot be recorded yet: the drug or the wristband was not scanned."""
    if outcome != "given" or controller.view.unable_reason.currentText():
        return None
    if controller.check is None or controller.check.dose is not controller.current:
        return translate(
            "MarForm",
            "Scan the drug label first, or press Ctrl+U and choose why it cannot be scanned.",
        )
    if controller.wristband_checked() is None:
        return translate(
            "MarForm",
            "Scan the patient's wristband first, or press Ctrl+U and choose why it cannot be scanned.",
        )
    if controller.check.needs_reason and not controller.view.reason.currentText().strip():
        return translate(
            "MarForm", "Choose or type the reason for going ahead despite the warning."
        )
    return None


def submit(controller: MarController) -> None:
    """Check the form and record the dose (with its bedside check) on the worker lane."""
    v, dose = controller.view, controller.current
    if dose is None or controller.patient_id is None:
        v.show_message(
            translate("MarForm", "Scan a drug, or choose a dose in the grid and press Enter."),
            "warn",
        )
        return
    form = _form(controller)
    now = utc_now()
    try:
        at = now if form.time_text == now.astimezone(controller.times.zone).strftime("%H:%M") \
            else administered_at(form.time_text, now, controller.times)  # fmt: skip
    except ValueError:
        v.show_message(translate("MarForm", "Type the time as HH:MM."), "warn")
        return
    row, settings = v.model.rows[dose.order_id], controller.settings
    payload, problem = administration_payload(row, dose, form, at, settings=settings)
    witness = None
    if form.outcome == "given" and row.high_alert:
        witness = tasks.Witness(v.witness_user.text().strip(), v.witness_password.text())
    # the second nurse is known by id only once checked on the worker: their user name stands in
    typed = {"witness_id": witness.username} if witness and witness.password else {}
    user = controller.workstation.user
    problem = problem or first_form_problem(row, dose, payload | typed, author_id=user.username,
                                            settings=settings)  # fmt: skip
    problem = problem or _scan_problem(controller, form.outcome)
    held = form.outcome == "given" and allergy_problem(row, controller.allergy, form.reason)
    problem = problem or (form_problem(held, settings) if held else None)
    if problem:
        v.show_message(problem, "warn")
        return
    override = (
        form.reason.strip()
        if form.outcome == "given" and allergy_problem(row, controller.allergy)
        else ""
    )

    def still_missing(complete: dict) -> list[str]:
        problems = administration_problems(row, dose, complete, author_id=user.user_id,
                                           settings=settings)  # fmt: skip
        return [form_problem(p, settings) for p in problems]

    work = partial(tasks.record_administration, bedside=_bedside(controller, form.outcome),
                   witness=witness, still_missing=still_missing,
                   allergy_override=override)  # fmt: skip
    controller.workers.run(
        work, controller.workstation, controller.patient_id, payload,
        done=lambda event_id: _saved(controller, event_id),
        failed=lambda error: _failed(controller, error),
    )  # fmt: skip


def _bedside(controller: MarController, outcome: str) -> dict | None:
    dose, check = controller.current, controller.check
    unable = controller.view.unable_reason.currentText()
    assert dose is not None
    if unable:
        return unable_to_scan_payload(dose, unable)
    if outcome != "given" or check is None:
        return None
    return bedside_payload(check, dose.order_id, wristband=controller.wristband_checked(),
                           drug=controller.drug_scanned)  # fmt: skip


def _saved(controller: MarController, event_id: str) -> None:
    v = controller.view
    title = v.dose_title.text()
    if v.unable_reason.currentText():
        controller.unable_count += 1  # shown in the prompt; each is a BedsideChecked fact too
    controller._reset_form()
    v.show_message(
        translate("MarForm", "Saved: %1. Scan the next drug or wristband.").replace("%1", title),
        "ok",
    )
    v.table.setFocus()
    controller.reload()
    controller.sig_recorded.emit(event_id)


def _failed(controller: MarController, error: BaseException) -> None:
    if isinstance(error, LoginRefused):
        text = translate(
            "MarForm",
            "Second nurse not accepted: %1. They must have logged in on this computer before.",
        )
        controller.view.show_message(text.replace("%1", str(error)), "block")
        controller.view.witness_password.clear()
        controller.view.witness_password.setFocus()
    else:
        controller.view.show_message(
            translate("MarForm", "Not saved: %1").replace("%1", str(error)), "block"
        )
    controller.sig_record_failed.emit(str(error))
