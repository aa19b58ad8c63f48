"""Medication labels (70 × 40 mm) with a Code 128 barcode of the order, one per order in force,
and dispensing labels (lot, expiry, directions) for every item the pharmacy hands out; the label
of an order group lists every other drug of the bag and its carrier under the first drug."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from workstation.clinical.sentence_drug import Diluent
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
    sig = (f"{dose_text(order, ctx.lang)}  {route_text(ctx.lang, order.get('route'))}  "
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
    bag: tuple[str, ...] = ()  # the bag's other drugs and carrier, one a line (bag_lines)


def bag_lines(ctx: PrintContext, order: dict[str, Any]) -> tuple[str, ...]:
    """The other drugs of an order's bag or syringe and its carrier, as its label prints them
    under the first drug ('+ 氯化钾注射液 1 g', '+ 0.9%氯化钠注射液 250ml'); () for one drug."""
    group = order.get("group") or {}
    lines = [f"+ {ctx.drug_name(m)} {dose_text(m)}".rstrip() for m in group.get("members") or ()]
    carrier = group.get("carrier")
    if carrier:
        diluent = Diluent(carrier["code"], float(carrier["volume_ml"]))
        lines.append(f"+ {diluent.label('zh' if ctx.zh else 'en')}")
    return tuple(lines)


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
    y = _bag(canvas, item.bag, top - 12 * mm) if item.bag else top - 12.5 * mm
    canvas.setFont(font, 7)
    canvas.drawString(MARGIN, y, printable(directions(ctx, item)))
    step = 3 * mm if item.bag else 3.5 * mm
    canvas.drawString(MARGIN, y - step, f"{ctx.t('lot')} {item.lot}   "
                      f"{ctx.t('expiry')} {item.expiry or '-'}")  # fmt: skip
    digits = dispense_barcode(item)
    modules = Code128(digits, barWidth=1, quiet=False).width
    bar = min(0.8, (width - 2 * MARGIN) / modules)  # a long drug code narrows its bars to fit
    high = max(3 * mm, min(6 * mm, y - step - 7.5 * mm))  # a long bag leaves shorter bars
    code = Code128(digits, barHeight=high, barWidth=bar, quiet=False)
    code.drawOn(canvas, (width - code.width) / 2, 6 * mm)
    canvas.setFont(font, 5)
    canvas.drawCentredString(width / 2, 4 * mm, digits)
    canvas.drawString(
        MARGIN, 1.5 * mm, ctx.t("printed", at=ctx.when(ctx.printed_at), by=ctx.printed_by)
    )


BAG_BOTTOM = 17.5 * mm  # the lowest a bag's last line may sit: directions, lot, then the bars
BAG_SIZES = (6.0, 5.0, 4.5, 4.0)  # the largest that fits every line of the bag


def _bag(canvas: Canvas, lines: tuple[str, ...], y: float) -> float:
    """Draw the bag's lines (each whole, none dropped) from y down, in the largest size that
    fits above the directions; the y of the directions line below them."""
    if not lines:
        return y
    width = LABEL_SIZE[0] - 2 * MARGIN
    for size in BAG_SIZES:
        wrapped = [part for line in lines for part in _wrap(printable(line), size, width)]
        step = size * 0.42 * mm
        if y - (len(wrapped) - 1) * step >= BAG_BOTTOM or size == BAG_SIZES[-1]:
            break
    for number, text in enumerate(wrapped):
        fonts.draw(canvas, MARGIN, y - number * step, text, size)
    return y - (len(wrapped) - 1) * step - 3 * mm


def _wrap(text: str, size: float, width: float) -> list[str]:
    """A line cut into pieces that each fit the width at this size (none cut mid-character)."""
    pieces, current = [], ""
    for char in text:
        if current and fonts.text_width(current + char, size) > width:
            pieces.append(current)
            current = "  " + char
        else:
            current += char
    return [*pieces, current]


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
