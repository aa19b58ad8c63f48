"""The treatment room's printouts: bottle labels (瓶签, 80 × 60 mm, one per bag per due time, with
the order's label barcode the bedside scan reads) and the execution sheet (执行单) of a round,
by route section, with a tick, time and nurse column per dose (filled from the recorded doses)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.infusion import SECTIONS, BagDrug, BottleLabel, ExecutionRow
from workstation.clinical.sentence_drug import Diluent
from workstation.reports import fonts
from workstation.reports.context import PrintContext
from workstation.reports.fonts import register_font
from workstation.reports.page import LANDSCAPE, build_pdf, grid_table, para, printable, styles
from workstation.reports.text import frequency_text, route_text

LABEL_SIZE = (80 * mm, 60 * mm)
MARGIN = 3 * mm
WORDS: dict[str, tuple[str, str]] = {
    "labels": ("输液瓶签", "Infusion bottle labels"), "sheet": ("执行单", "Execution sheet"),
    "inpatient_no": ("住院号", "Inpatient no."), "group": ("第{n}组", "Group {n}"),
    "due": ("执行时间 {at}", "Due {at}"), "rate": ("滴速", "Rate"),
    "mixed_by": ("配液：＿＿＿　核对：＿＿＿", "Mixed by: ____  Checked by: ____"),
    "none_labels": ("此时段没有输液", "No infusions due in this period"),
    "none_rows": ("此时段没有到期的医嘱", "No doses due in this period"),
    "infusion": ("输液", "Infusions"), "injection": ("注射", "Injections"),
    "oral": ("口服", "Oral"), "other": ("其他", "Other"),
    "bed": ("床号", "Bed"), "name": ("姓名", "Name"), "order": ("医嘱内容", "Order"),
    "route": ("途径", "Route"), "frequency": ("频次", "Frequency"), "due_at": ("计划时间", "Due"),
    "done": ("执行", "Done"), "done_at": ("执行时间", "Given at"), "nurse": ("执行护士", "Nurse"),
    "period": ("病区：{ward}　时段：{start} – {end}", "Ward: {ward}   Period: {start} – {end}"),
    "given": ("已执行", "given"), "held": ("暂停", "held"), "refused": ("拒绝", "refused"),
    "not_given": ("未执行", "not given"),
}  # fmt: skip


def _w(ctx: PrintContext, key: str, **values: object) -> str:
    zh, en = WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def drug_line(ctx: PrintContext, drug: BagDrug) -> str:
    """'呋塞米 20 mg' with the formulary's name in this language."""
    name = ctx.drug_name({"drug_code": drug.drug_code, "drug_name": drug.drug_name})
    dose = f"{drug.dose_value:g} {drug.dose_unit}".strip() if drug.dose_value is not None else ""
    return f"{name} {dose}".strip()


def carrier_line(ctx: PrintContext, code: str | None, volume_ml: float | None) -> str:
    """The carrier fluid in this language, or '' when there is none."""
    if not code or volume_ml is None:
        return ""
    return Diluent(code, float(volume_ml)).label("zh" if ctx.zh else "en")


def _label_text(ctx: PrintContext, canvas: Canvas, label: BottleLabel, top: float) -> float:
    font = register_font()
    width = LABEL_SIZE[0]
    fonts.draw(canvas, MARGIN, top - 5 * mm, printable(label.patient_name), 11)
    if label.same_name:  # another patient of this name on the ward
        name_width = fonts.text_width(printable(label.patient_name), 11)
        fonts.draw(canvas, MARGIN + name_width + 1.5 * mm, top - 5 * mm,
                   "▲同名" if ctx.zh else "▲SAME NAME", 7)  # fmt: skip
    canvas.setFont(font, 8)
    canvas.drawRightString(width - MARGIN, top - 5 * mm, f"{ctx.t('bed')} {label.bed}   "
                           f"{_w(ctx, 'inpatient_no')} {label.record_number}")  # fmt: skip
    fonts.draw(canvas, MARGIN, top - 10 * mm, _w(ctx, "group", n=label.group_number), 9)
    due = _w(ctx, "due", at=ctx.when(label.due_at))
    fonts.draw(canvas, width - MARGIN, top - 10 * mm, due, 9, anchor="end")
    lines = [drug_line(ctx, d) for d in label.drugs]
    if carrier := carrier_line(ctx, label.carrier_code, label.carrier_ml):
        lines.append(carrier)
    size = 8 if len(lines) <= 4 else 6
    first = y = top - 14 * mm
    for line in lines:
        fonts.draw(canvas, MARGIN + 2 * mm, y, printable(line), size)
        y -= size * 1.3
    if len(lines) > 1:  # the group's bracket
        canvas.line(MARGIN, first + size * 0.8, MARGIN, y + size)
    return y


def _bottle_label(canvas: Canvas, ctx: PrintContext, label: BottleLabel, number: int,
                  total: int) -> None:  # fmt: skip
    font = register_font()
    width, height = LABEL_SIZE
    top = height - MARGIN
    canvas.setFont(font, 6)
    canvas.drawString(MARGIN, top - 1 * mm, printable(ctx.hospital_name))
    canvas.drawRightString(width - MARGIN, top - 1 * mm, ctx.ward_name(label.ward_id))
    y = _label_text(ctx, canvas, label, top)
    rate = label.rate or ("＿＿＿ 滴/分" if ctx.zh else "____ gtt/min")
    sig = (f"{route_text(ctx.lang, label.route)}  {frequency_text(ctx.lang, label.frequency)}  "
           f"{_w(ctx, 'rate')} {rate}")  # fmt: skip
    fonts.draw(canvas, MARGIN, max(y - 1.5 * mm, 18 * mm), printable(sig), 7)
    modules = Code128(label.barcode, barWidth=1, quiet=False).width
    code = Code128(label.barcode, barHeight=6 * mm, barWidth=(width - 2 * MARGIN) / modules,
                   quiet=False)  # fmt: skip
    code.drawOn(canvas, (width - code.width) / 2, 6.5 * mm)
    canvas.setFont(font, 5)
    canvas.drawCentredString(width / 2, 4.5 * mm, label.barcode)
    fonts.draw(canvas, MARGIN, 14 * mm, _w(ctx, "mixed_by"), 6)
    canvas.setFont(font, 5)
    canvas.drawString(
        MARGIN, 1.8 * mm, ctx.t("printed", at=ctx.when(ctx.printed_at), by=ctx.printed_by)
    )
    canvas.drawRightString(width - MARGIN, 1.8 * mm, f"{number}/{total}")


def bottle_labels_pdf(ctx: PrintContext, labels: Sequence[BottleLabel]) -> bytes:
    """One 80 × 60 mm label per bag per due time; a single page saying so when none is due."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=LABEL_SIZE, initialFontName=register_font())
    canvas.setTitle(_w(ctx, "labels"))
    canvas.setAuthor(ctx.printed_by)
    for number, label in enumerate(labels, start=1):
        _bottle_label(canvas, ctx, label, number, len(labels))
        canvas.showPage()
    if not labels:
        fonts.draw(canvas, MARGIN, 30 * mm, _w(ctx, "none_labels"), 9)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _order_words(ctx: PrintContext, row: ExecutionRow) -> str:
    carrier = carrier_line(ctx, row.carrier_code, row.carrier_ml)
    lines = [drug_line(ctx, d) for d in row.drugs] or [row.description]
    return "\n".join([*lines, *([carrier] if carrier else [])])


def _done(ctx: PrintContext, row: ExecutionRow) -> str:
    if row.status == "given":
        return "√"  # the tick the hospital forms use (a CJK font has it)
    return _w(ctx, row.status) if row.status in WORDS else "□"


def _section_table(ctx: PrintContext, rows: list[ExecutionRow]) -> Any:
    s = styles(ctx)
    keys = ("bed", "name", "order", "route", "frequency", "due_at", "done", "done_at", "nurse")
    table: list[list[Any]] = [[_w(ctx, k) for k in keys]]
    for r in rows:
        recorded = r.status in ("given", "held", "refused", "not_given")
        table.append([
            r.bed, para(printable(r.patient_name), s.cell),
            para(_order_words(ctx, r), s.cell),
            route_text(ctx.lang, r.route), frequency_text(ctx.lang, r.frequency),
            ctx.when(r.due_at, clock_only=True), para(_done(ctx, r), s.cell),
            ctx.when(r.given_at, clock_only=True) if recorded else "",
            para(printable(ctx.user(r.given_by)) if recorded else "", s.cell),
        ])  # fmt: skip
    widths = [14, 26, 92, 24, 24, 18, 16, 20, 30]
    return grid_table(table, [w * mm for w in widths])


def execution_sheet_story(ctx: PrintContext, *, ward_id: str, start: str, end: str,
                          rows: Sequence[ExecutionRow]) -> list[Flowable]:  # fmt: skip
    """The sheet: the period, then one table per route section that has doses."""
    s = styles(ctx)
    head = _w(ctx, "period", ward=ctx.ward_name(ward_id), start=ctx.when(start), end=ctx.when(end))
    story: list[Flowable] = [para(head, s.body), Spacer(1, 3 * mm)]
    for section in SECTIONS:
        mine = [r for r in rows if r.section == section]
        if mine:
            story += [para(_w(ctx, section), s.heading), _section_table(ctx, mine),
                      Spacer(1, 3 * mm)]  # fmt: skip
    if not rows:
        story.append(para(_w(ctx, "none_rows"), s.body))
    return story


def execution_sheet_pdf(ctx: PrintContext, *, ward_id: str, start: str, end: str,
                        rows: Sequence[ExecutionRow]) -> bytes:  # fmt: skip
    """执行单 of a ward's round or shift (landscape A4)."""
    story = execution_sheet_story(ctx, ward_id=ward_id, start=start, end=end, rows=rows)
    return build_pdf(ctx, story, title=_w(ctx, "sheet"), pagesize=LANDSCAPE)
