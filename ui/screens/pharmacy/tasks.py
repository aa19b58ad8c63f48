"""The pharmacy's work as plain functions on the workstation, run on a worker lane."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection

from offline_cache.workstation import Workstation
from ui.tasks import user_names
from ui.terms import location_name
from workstation.clinical import controlled_register, dispensing, stock, verification
from workstation.clinical.allergy_status import override_payload
from workstation.clinical.formulary import Formulary
from workstation.clinical.schedule import ward_clock
from workstation.clock import utc_now
from workstation.projections import queries
from workstation.projections.order_sheet_queries import with_order_sheet
from workstation.reports.labels import order_from_barcode
from workstation.security.files import write_private

if TYPE_CHECKING:
    from workstation.reports.context import PrintContext

COUNTER_LOCATION = stock.PHARMACY_STORE


def today() -> date:
    """The pharmacy's calendar day on the ward's clock (a lot expires at the end of the ward's day,
    not eight hours early or late)."""
    return utc_now().astimezone(ward_clock()).date()


def queue(ws: Workstation) -> list[verification.WaitingOrder]:
    """Medication orders waiting for a pharmacist."""
    with ws.store.reading() as conn:
        return verification.verification_queue(
            conn, today=today(), knowledge=ws.store.reference.knowledge()
        )


def queue_and_names(ws: Workstation) -> tuple[list[verification.WaitingOrder], dict[str, str]]:
    """The queue, and the staff's names (who recorded "no known allergies")."""
    return queue(ws), user_names(ws)


def decide(ws: Workstation, kind: str, patient_id: str, order_id: str, words: str = "") -> str:
    """Record a verification (`verify_override`: with the reason to go on although allergies are
    not yet documented), a rejection (words: the reason) or a change request."""
    if kind == "verify_override":
        ws.record("AllergyCheckOverridden", patient_id=patient_id,
                  payload=override_payload(order_id, "verification", words))  # fmt: skip
        kind = "verify"
    if kind == "verify":
        with ws.store.reading() as conn:
            refusal = verification.verify_refusal(
                conn, order_id, knowledge=ws.store.reference.knowledge(), today=today()
            )
        if refusal:
            raise ValueError(refusal)
        event_type, payload = "OrderVerified", verification.verify_payload(order_id)
    elif kind == "reject":
        event_type, payload = "OrderRejected", verification.reject_payload(order_id, words)
    else:
        event_type = "OrderChangeRequested"
        payload = verification.change_request_payload(order_id, words)
    return ws.record(event_type, patient_id=patient_id, payload=payload).event_id


def outpatients(ws: Workstation) -> list[dispensing.Prescription]:
    """Outpatient prescriptions waiting at the counter, by queue number."""
    with ws.store.reading() as conn:
        return dispensing.outpatient_queue(conn)


def prescription(ws: Workstation, prescription_id: str) -> dispensing.Prescription | None:
    """One prescription as it stands now (None once handed over)."""
    return next((p for p in outpatients(ws) if p.prescription_id == prescription_id), None)


def counter_scan(ws: Workstation, prescription_id: str, code: str) -> dict[str, Any]:
    """Dispense the scanned item of a prescription from the FEFO (or the scanned) lot."""
    found = prescription(ws, prescription_id)
    if found is None:
        raise ValueError("this prescription was already handed over")
    with ws.store.reading() as conn:
        payload = dispensing.plan_outpatient_dispense(
            conn, found, code, formulary=ws.store.reference.formulary(), location_id=COUNTER_LOCATION,
            today=today(),
        )  # fmt: skip
    ws.record("Dispensed", patient_id=None, payload=payload)
    return payload


def hand_over(ws: Workstation, prescription_id: str, counselling_note: str) -> None:
    """Close a prescription at the counter, with what the patient was told."""
    found = prescription(ws, prescription_id)
    if found is None or not found.complete:
        raise ValueError("scan every item before handing over")
    payload: dict[str, Any] = {"prescription_id": prescription_id}
    if counselling_note.strip():
        payload["counselling_note"] = counselling_note.strip()
    ws.record("OutpatientHandedOver", patient_id=None, payload=payload)


def ward_choices(ws: Workstation, chinese: bool) -> list[tuple[str, str]]:
    """(name in the user's language, ward id) of every ward the server publishes; the id names
    a ward the snapshot does not (before the first sync)."""
    key = "name_zh" if chinese else "name_en"
    return [(str(w.get(key) or w["ward_id"]), str(w["ward_id"]))
            for w in ws.store.reference.wards() if w.get("ward_id")]  # fmt: skip


def pick_list(ws: Workstation, ward_id: str) -> list[dispensing.PickLine]:
    """The ward's unit doses for the next 24 hours."""
    with ws.store.reading() as conn:
        return dispensing.ward_pick_list(
            conn, ward_id, start=utc_now(), formulary=ws.store.reference.formulary()
        )


def print_pick_list(ws: Workstation, ward_id: str, folder: Path, lang: str) -> Path:
    """The ward's pick list (摆药单) for the next 24 hours as a PDF in the folder."""
    from workstation.reports.pick_list import pick_list_pdf

    start = utc_now()
    with ws.store.reading() as conn:
        lines = dispensing.ward_pick_list(conn, ward_id, start=start,
                                          formulary=ws.store.reference.formulary())  # fmt: skip
        ctx = _print_context(ws, conn, lang)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"pick-list-{ward_id}-{start.strftime('%Y%m%d-%H%M%S')}.pdf"
    write_private(path, pick_list_pdf(ctx, lines, ward=ward_id, start=start))
    ws.record_access("print")
    return path


def pick_scan(ws: Workstation, ward_id: str, code: str) -> dispensing.PickLine:
    """Confirm a pick by its order label (every drug of the bag and its carrier) or a drug
    code (that drug's first line): dispense each from its FEFO lot; the first line picked."""
    return _pick(ws, ward_id, code)[0][0]


def pick_and_label(
    ws: Workstation, ward_id: str, code: str, folder: Path, lang: str
) -> tuple[dispensing.PickLine, Path]:
    """Confirm a pick and save one dispensing label per drug picked (a PDF) in the folder."""
    picks = _pick(ws, ward_id, code)
    return picks[0][0], ward_labels(ws, picks, folder, lang)


def _pick(ws: Workstation, ward_id: str, code: str) -> list[tuple[dispensing.PickLine, str]]:
    """Every line the scan names still to pick, each with its lot; all lots are chosen (and
    every 麻/精一 empty checked) before any Dispensed is recorded, so a bag short of one drug
    is not half dispensed."""
    every = pick_list(ws, ward_id)
    try:
        order_id = order_from_barcode(code.strip())
        named = [x for x in every if x.order_id == order_id]
        chosen = [x for x in named if not x.done]
    except ValueError:  # a drug code: that drug's first line still to pick
        drug, _lot = dispensing.read_scan(code, ws.store.reference.formulary())
        named = [x for x in every if x.drug_code == drug.code]
        chosen = [x for x in named if not x.done][:1]
    if not chosen:
        problem = next((x.problem for x in named if x.problem), "")
        raise ValueError(problem or f"nothing left to pick for {code.strip()!r}")
    planned = []
    with ws.store.reading() as conn:
        for line in chosen:
            planned.append((line, _plan_pick(ws, conn, line)))
    for line, lot in planned:
        payload = dispensing.dispense_payload(lot, quantity=round(line.quantity - line.dispensed, 2),
                                              unit=line.unit, order_id=line.order_id)  # fmt: skip
        ws.record("Dispensed", patient_id=line.patient_id, payload=payload)
    return [(line, lot.lot) for line, lot in planned]


def _plan_pick(ws: Workstation, conn: Connection, line: dispensing.PickLine) -> stock.LotStock:
    drug = ws.store.reference.formulary().by_code(line.drug_code)
    if drug is not None:  # 麻/精一: the previous dispense's empty ampoules come back first
        controlled_register.refuse_without_empties(conn, patient_id=line.patient_id, drug=drug)
    lots = stock.lots_on_hand(conn, COUNTER_LOCATION, line.drug_code)
    return stock.choose_fefo_lot(lots, round(line.quantity - line.dispensed, 2), today())


@dataclass(frozen=True)
class StockView:
    """The stock screen's rows and alerts."""

    lots: list[stock.LotStock]
    alerts: list[stock.StockAlert]
    names: dict[str, str]  # drug code -> the drug's name in the screen's language
    places: dict[str, str] = field(default_factory=dict)  # location code -> its name


def stock_view(ws: Workstation, location_id: str | None = None, lang: str = "en") -> StockView:
    """Lots on hand with their alerts (near expiry, expired, low, negative) and the drugs' names
    from the formulary in force (a code the formulary lacks is shown as it is)."""
    with ws.store.reading() as conn:
        lots = stock.lots_on_hand(conn, location_id)
    formulary = ws.store.reference.formulary()
    drugs = {code: formulary.by_code(code) for code in {lot.drug_code for lot in lots}}
    names = {code: drug.name(lang) for code, drug in drugs.items() if drug is not None}
    places = {lot.location_id: location_name(lot.location_id, ws.store.reference.ward_name(
        lot.location_id, lang.startswith("zh"))) for lot in lots}  # fmt: skip
    return StockView(lots, stock.stock_alerts(lots, today(), stock.StockSettings.load()), names,
                     places)  # fmt: skip


def stock_change(ws: Workstation, kind: str, fields: dict[str, str]) -> None:
    """Receive, adjust (reason), count, transfer or return: one or two stock events."""
    drug, lot_name = fields["drug_code"].strip(), fields["lot"].strip()
    location = fields.get("location_id", "").strip() or COUNTER_LOCATION
    quantity = float(fields["quantity"])
    if kind == "receive":
        payload = {"drug_code": drug, "lot": lot_name, "expiry": fields["expiry"].strip(),
                   "location_id": location, "quantity": quantity, "unit": fields["unit"].strip()}  # fmt: skip
        ws.record("StockReceived", patient_id=None, payload=payload)
        return
    with ws.store.reading() as conn:
        held = [x for x in stock.lots_on_hand(conn, location, drug) if x.lot == lot_name]
    lot = held[0] if held else stock.LotStock(location, drug, lot_name, None, 0.0)
    for payload in _adjustments(kind, lot, quantity, fields):
        ws.record("StockAdjusted", patient_id=None, payload=payload)


def _adjustments(
    kind: str, lot: stock.LotStock, quantity: float, fields: dict[str, str]
) -> list[dict[str, Any]]:
    common = {"drug_code": lot.drug_code, "lot": lot.lot, "location_id": lot.location_id}
    if kind == "count":
        counted = stock.count_adjustment(lot, quantity)
        return [counted] if counted else []
    if kind == "transfer":
        return list(stock.transfer_payloads(lot, to_location=fields["to_location"].strip(),
                                            quantity=quantity))  # fmt: skip
    reason = fields.get("reason", "").strip()
    if not reason:
        raise ValueError("an adjustment or a return needs a reason")
    if kind == "return":
        return [common | {"quantity_delta": abs(quantity), "reason": f"return: {reason}"}]
    return [common | {"quantity_delta": quantity, "reason": reason}]


def export_stock(ws: Workstation, folder: Path, lang: str) -> tuple[Path, Path]:
    """The stock and expiry report as an Excel workbook and a PDF, in the folder."""
    from workstation.clinical.formulary_io import xlsx_bytes
    from workstation.reports.stock import stock_report

    view = stock_view(ws)
    alerts = {(a.location_id, a.drug_code, a.lot): a.kind for a in view.alerts if a.lot}
    columns = ["location", "drug", "lot", "expiry", "quantity", "alert"]
    folder.mkdir(parents=True, exist_ok=True)
    with ws.store.reading() as conn:
        ctx = _print_context(ws, conn, lang)
        write_private(pdf := folder / f"stock-{_file_stamp()}.pdf", stock_report(ctx, conn))
    rows = [dict(zip(columns, (  # the location by name and the alert in words, as printed
        ctx.location_name(x.location_id), x.drug_code, x.lot, str(x.expiry or ""), x.quantity,
        ctx.t(alert) if (alert := alerts.get((x.location_id, x.drug_code, x.lot))) else ""),
        strict=True)) for x in view.lots]  # fmt: skip
    xlsx = pdf.with_suffix(".xlsx")
    write_private(xlsx, xlsx_bytes("stock", columns, rows))
    ws.record_access("export_stock")
    return xlsx, pdf


def _file_stamp(*, seconds: bool = False) -> str:
    """Now on the ward's clock for a file's name (the user reads it in the saved-to message)."""
    return utc_now().astimezone(ward_clock()).strftime("%Y%m%d-%H%M" + ("%S" if seconds else ""))


def patient_chart(ws: Workstation, patient_id: str) -> dict[str, Any]:
    """A patient's chart as the projection has it (not audited: the queue already shows it)."""
    with ws.store.reading() as conn:
        return queries.chart(conn, patient_id)


def _print_context(ws: Workstation, conn: Connection, lang: str) -> PrintContext:
    """What a printed document needs, with drug names from the formulary in force here."""
    from workstation.reports.context import make_context

    return make_context(
        conn, lang=lang, printed_by=ws.user.display_name, formulary=ws.store.reference.formulary()
    )


def _sentence_codes(sentence: str, formulary: Formulary) -> tuple[str, str | None, str | None]:
    """(dose, route, frequency) of an outpatient item's sentence, blank when it does not parse."""
    from workstation.clinical.order_sentence import parse_order
    from workstation.reports.orders import dose_text

    try:
        parsed = parse_order(sentence, formulary)
    except ValueError:
        return "", None, None
    dose = dose_text({"dose_value": parsed.dose_value, "dose_unit": parsed.dose_unit})
    return dose, parsed.route, parsed.frequency


def outpatient_labels(ws: Workstation, prescription_id: str, folder: Path, lang: str) -> Path:
    """A PDF of dispensing labels, one per lot dispensed on the prescription, in the folder."""
    from workstation.reports.labels import DispenseLabel, dispensing_labels

    with ws.store.reading() as conn:
        found = next(p for p in dispensing.outpatient_queue(conn, waiting_only=False)
                     if p.prescription_id == prescription_id)  # fmt: skip
        expiries = stock.lot_expiries(conn)
        ctx = _print_context(ws, conn, lang)
    items = []
    for index, item in enumerate(found.items):
        dose, route, frequency = _sentence_codes(
            item.get("sentence", ""), ws.store.reference.formulary()
        )
        for given in found.dispensed.get(index, []):
            expiry = expiries.get((item["drug_code"], given["lot"]))
            items.append(DispenseLabel(found.patient_name, found.patient_ref, item["drug_code"],
                                       item["drug_name"], dose, route, frequency,
                                       given["quantity"], item["unit"], given["lot"],
                                       str(expiry) if expiry else None))  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"labels-{found.queue_number}-{_file_stamp(seconds=True)}.pdf"
    write_private(path, dispensing_labels(ctx, items))
    ws.record_access("print")  # an outpatient has no chart here: the print itself is audited
    return path


def ward_label(ws: Workstation, line: dispensing.PickLine, lot: str, folder: Path,
               lang: str) -> Path:  # fmt: skip
    """A PDF dispensing label for one ward pick (ward_labels)."""
    return ward_labels(ws, [(line, lot)], folder, lang)


def ward_labels(ws: Workstation, picks: list[tuple[dispensing.PickLine, str]], folder: Path,
                lang: str) -> Path:  # fmt: skip
    """One PDF dispensing label per drug picked, with its own lot, quantity and unit: the
    order's drug carries its dose, route, frequency and the rest of its bag; a bag's other drug
    or carrier its amount in the bag."""
    from workstation.reports.labels import dispensing_labels

    line = picks[0][0]
    chart = patient_chart(ws, line.patient_id)
    with ws.store.reading() as conn:
        with_order_sheet(conn, chart)  # the order's bag (group)
        expiries = stock.lot_expiries(conn)
        ctx = _print_context(ws, conn, lang)
    orders = {o["order_id"]: o for o in chart["orders"]}
    ref = f"{ctx.t('bed')} {line.bed} · {chart['patient'].get('record_number', '')}"
    items = [_pick_label(ctx, orders[x.order_id], x, lot, expiries.get((x.drug_code, lot)), ref)
             for x, lot in picks]  # fmt: skip
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"labels-{line.bed}-{_file_stamp(seconds=True)}.pdf"
    write_private(path, dispensing_labels(ctx, items))
    ws.record_access("print", line.patient_id)
    return path


def _pick_label(ctx: PrintContext, order: dict[str, Any], line: dispensing.PickLine, lot: str,
                expiry: Any, ref: str) -> Any:  # fmt: skip
    from workstation.reports.labels import DispenseLabel, bag_lines
    from workstation.reports.orders import dose_text

    first = line.part == 0
    name = str(order.get("drug_name") or "") if first else ""  # the label names it by its code
    return DispenseLabel(line.patient_name, ref, line.drug_code, name,
                         dose_text(order) if first else line.amount, order.get("route"),
                         order.get("frequency"), round(line.quantity - line.dispensed, 2),
                         line.unit, lot, str(expiry) if expiry else None,
                         bag_lines(ctx, order) if first else ())  # fmt: skip
