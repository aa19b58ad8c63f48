"""Medication labels (70 × 40 mm) with a Code 128 barcode of the order, one per order in force,
and dispensing labels (lot, expiry, directions) for every item the pharmacy hands out."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workstation.reports import fonts
from workstation.reports.context import PrintContext, live
from workstation.reports.fonts import register_font
from workstation.reports.orders import dose_text
from workstation.reports.page import printable
from workstation.reports.text import frequency_text, route_text

LABEL_SIZE = (70 * mm, 40 * mm)
MARGIN = 3 * mm
BARCODE_DIGITS = 40  # a UUID's 128 bits fit in 39 decimal digits; even, for Code 128 set C


def order_barcode(order_id: str) -> str:
    """The digits a label's barcode carries: the order's UUID as a 40-digit number (Code 128 C
    packs two digits a bar pattern, so the code stays wide enough for a 203 dpi printer)."""
    return f"{uuid.UUID(order_id).int:0{BARCODE_DIGITS}d}"


def order_from_barcode(digits: str) -> str:
    """The order id a scanned label names; ValueError when it is not one of our labels."""
    if len(digits) != BARCODE_DIGITS or not digits.isdigit() or int(digits) >= 1 << 128:
        raise ValueError("not a medication label barcode")
    return str(uuid.UUID(int=int(digits)))


def _label(canvas: Canvas, ctx: PrintContext, patient: dict[str, Any], order: dict[str, Any],
           number: int, total: int) -> None:  # fmt: skip
    font = register_font()
    width, height = LABEL_SIZE
    top = height - MARGIN - 2 * mm
    canvas.setFont(font, 6)
    canvas.drawString(MARGIN, top, printable(ctx.hospital_name))
    canvas.drawRightString(width - MARGIN, top, f"{ctx.ward_name(patient['ward_id'])} "
                           f"{ctx.t('bed')} {patient['bed']}")  # fmt: skip
    fonts.draw(canvas, MARGIN, top - 4.5 * mm, printable(patient["name"]), 10)
    if patient.get("same_name_beds"):  # another patient of this name on the ward
        name_width = fonts.text_width(printable(patient["name"]), 10)
        mark = "▲同名" if ctx.zh else "▲SAME NAME"
        fonts.draw(canvas, MARGIN + name_width + 1.5 * mm, top - 4.5 * mm, mark, 7)
    canvas.setFont(font, 7)
    canvas.drawRightString(width - MARGIN, top - 4.5 * mm,
                           f"{ctx.t('record_number')} {patient['record_number']}")  # fmt: skip
    canvas.setFont(font, 9)
    canvas.drawString(MARGIN, top - 9 * mm, printable(ctx.drug_name(order)))
    canvas.setFont(font, 7)
    sig = (f"{dose_text(order)}  {route_text(ctx.lang, order.get('route'))}  "
           f"{frequency_text(ctx.lang, order.get('frequency'))}")  # fmt: skip
    canvas.drawString(MARGIN, top - 12.5 * mm, printable(sig))
    digits = order_barcode(order["order_id"])
    modules = Code128(digits, barWidth=1, quiet=False).width
    code = Code128(digits, barHeight=8 * mm, barWidth=(width - 2 * MARGIN) / modules, quiet=False)
    code.drawOn(canvas, (width - code.width) / 2, 7 * mm)
    canvas.setFont(font, 5)
    canvas.drawCentredString(width / 2, 5 * mm, digits)
    canvas.drawString(
        MARGIN, 1.8 * mm, ctx.t("printed", at=ctx.when(ctx.printed_at), by=ctx.printed_by)
    )
    canvas.drawRightString(width - MARGIN, 1.8 * mm, f"{number}/{total}")


def medication_labels(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """One label per medication order in force; a single page saying so when there is none."""
    patient = chart["patient"]
    orders = sorted((o for o in live(chart["orders"]) if o["order_kind"] == "medication"
                     and o["status"] in ("placed", "verified")), key=lambda o: o["placed_at"])  # fmt: skip
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LABEL_SIZE, initialFontName=register_font())
    canvas.setTitle(ctx.t("medication_label"))
    canvas.setAuthor(ctx.printed_by)
    beds = [str(o["bed"]) for o in chart.get("same_name") or ()]
    patient = {**patient, "same_name_beds": beds}
    for number, order in enumerate(orders, start=1):
        _label(canvas, ctx, patient, order, number, len(orders))
        canvas.showPage()
    if not orders:
        canvas.setFont(register_font(), 8)
        canvas.drawString(
            MARGIN, 30 * mm, printable(f"{patient['name']} {patient['record_number']}")
        )
        canvas.drawString(MARGIN, 20 * mm, ctx.t("no_medications"))
        canvas.showPage()
    canvas.save()
    return out.getvalue()


LABEL_WORDS = {"quantity": ("数量", "Qty"), "title": ("发药标签", "Dispensing labels"),
               "none": ("没有已发的药品", "Nothing dispensed")}  # fmt: skip


@dataclass(frozen=True)
class DispenseLabel:
    """One dispensed item as its label shows it (dose, route and frequency as codes)."""

    patient_name: str
    patient_ref: str
    drug_code: str
    drug_name: str
    dose: str
    route: str | None
    frequency: str | None
    quantity: float
    unit: str
    lot: str
    expiry: str | None


def dispense_barcode(item: DispenseLabel) -> str:
    """The code a dispensing label carries: `drug_code/lot`, which the counter's scan reads."""
    return f"{item.drug_code}/{item.lot}"


def _word(ctx: PrintContext, key: str) -> str:
    zh, en = LABEL_WORDS[key]
    return zh if ctx.zh else en


def directions(ctx: PrintContext, item: DispenseLabel) -> str:
    """'500 mg oral three times daily' (or in Chinese) from the item's codes."""
    parts = (item.dose, route_text(ctx.lang, item.route), frequency_text(ctx.lang, item.frequency))
    return "  ".join(p for p in parts if p)


def _dispense_label(canvas: Canvas, ctx: PrintContext, item: DispenseLabel) -> None:
    font = register_font()
    width, height = LABEL_SIZE
    top = height - MARGIN - 2 * mm
    canvas.setFont(font, 6)
    canvas.drawString(MARGIN, top, printable(ctx.hospital_name))
    canvas.drawRightString(width - MARGIN, top, printable(item.patient_ref))
    fonts.draw(canvas, MARGIN, top - 4.5 * mm, printable(item.patient_name), 10)
    canvas.setFont(font, 9)
    name = ctx.drug_name({"drug_code": item.drug_code, "drug_name": item.drug_name})
    canvas.drawString(MARGIN, top - 9 * mm, printable(name))
    canvas.setFont(font, 7)
    canvas.drawRightString(width - MARGIN, top - 9 * mm,
                           f"{_word(ctx, 'quantity')} {item.quantity:g} {item.unit}")  # fmt: skip
    canvas.drawString(MARGIN, top - 12.5 * mm, printable(directions(ctx, item)))
    canvas.drawString(MARGIN, top - 16 * mm, f"{ctx.t('lot')} {item.lot}   "
                      f"{ctx.t('expiry')} {item.expiry or '-'}")  # fmt: skip
    digits = dispense_barcode(item)
    modules = Code128(digits, barWidth=1, quiet=False).width
    bar = min(0.8, (width - 2 * MARGIN) / modules)  # a long drug code narrows its bars to fit
    code = Code128(digits, barHeight=6 * mm, barWidth=bar, quiet=False)
    code.drawOn(canvas, (width - code.width) / 2, 6 * mm)
    canvas.setFont(font, 5)
    canvas.drawCentredString(width / 2, 4 * mm, digits)
    canvas.drawString(
        MARGIN, 1.5 * mm, ctx.t("printed", at=ctx.when(ctx.printed_at), by=ctx.printed_by)
    )


def dispensing_labels(ctx: PrintContext, items: list[DispenseLabel]) -> bytes:
    """One 70 × 40 mm label per dispensed item (patient, drug, directions, lot, expiry,
    barcode); a single page saying so when nothing was dispensed."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LABEL_SIZE, initialFontName=register_font())
    canvas.setTitle(_word(ctx, "title"))
    canvas.setAuthor(ctx.printed_by)
    for item in items:
        _dispense_label(canvas, ctx, item)
        canvas.showPage()
    if not items:
        canvas.setFont(register_font(), 8)
        canvas.drawString(MARGIN, 20 * mm, _word(ctx, "none"))
        canvas.showPage()
    canvas.save()
    return out.getvalue()
