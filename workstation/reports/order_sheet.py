"""The long-term and temporary order sheets (长期 / 临时医嘱单), as 病历书写基本规范 (2010) Art. 26 lays
them out: 长期医嘱单 — start, order, doctor, nurse (who checked it), stop, the stop's doctor and
nurse (who checked the stop); 临时医嘱单 — time, order, doctor, time carried out, executing nurse.
The doctor's chosen term decides the sheet (an order from before keeps the old inference); an
order group prints its carrier and drugs joined by a bracket; a 重整医嘱 draws its line on the
long-term sheet and re-issues the orders still in force below it; a verbal order says so, with
its signature or its deadline."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from workstation.clinical.order_sheet import (
    TEMPORARY,
    OrderSheetSettings,
    reorganised_sheet,
    term_of,
    verbal_deadline,
)
from workstation.clinical.sentence_drug import Diluent
from workstation.clinical.skin_tests import with_skin_test_results
from workstation.reports.context import PrintContext, live
from workstation.reports.discharge import supply_text
from workstation.reports.fonts import register_font
from workstation.reports.orders import dose_text, order_line
from workstation.reports.page import build_pdf, grid_table, identifiers, para, styles
from workstation.reports.text import frequency_text, route_text

ENDED = ("discontinued", "completed", "rejected")


def order_sheets(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """长期医嘱单 then 临时医嘱单: every order with its start, stop, doctor and nurse columns."""
    s = styles(ctx)
    orders = sorted(live(chart["orders"]), key=lambda o: o["placed_at"])
    orders = with_skin_test_results(orders, chart.get("skin_tests") or [])  # 青霉素皮试（-）
    first = first_carried_out(chart)
    long_term = [o for o in orders if term_of(o) != TEMPORARY]
    temporary = [o for o in orders if term_of(o) == TEMPORARY]
    rows = reorganised_sheet(long_term, chart.get("reorganisations", []))
    story: list[Flowable] = [para(ctx.t("long_term_orders"), s.heading),
                             _long_term_table(ctx, rows, chart)]  # fmt: skip
    story += [Spacer(1, 6 * mm), para(ctx.t("temporary_orders"), s.heading),
              _temporary_table(ctx, temporary, first)]  # fmt: skip
    title = f"{ctx.t('long_term_orders')} / {ctx.t('temporary_orders')}"
    return build_pdf(ctx, story, title=title, banner=identifiers(ctx, chart["patient"]))


def order_cell(ctx: PrintContext, order: dict[str, Any], width: float) -> Flowable:
    """The order as written on the sheet; a group is its carrier and drugs, one a line, joined
    by a bracket before the route and frequency they share."""
    s = styles(ctx)
    group = order.get("group") or {}
    notes = _notes(ctx, order)
    if not group.get("members"):
        line = order_line(ctx, order)
        carrier = _carrier(ctx, group)
        line += f" + {carrier}" if carrier and carrier not in line else ""
        return para(" ".join([line, *notes]), s.cell)
    drugs = [order, *group["members"]]
    lines = [f"{ctx.drug_name(d)} {dose_text(d)}" for d in drugs]
    if _carrier(ctx, group):
        lines.insert(0, _carrier(ctx, group))
    shared = f"{route_text(ctx.lang, order.get('route'))} {frequency_text(ctx.lang, order.get('frequency'))}"
    rows = [[para(line, s.cell), para(shared if i == 0 else "", s.cell)]
            for i, line in enumerate(lines)]  # fmt: skip
    if notes:
        rows.append([para(" ".join(notes), s.cell), ""])
    table = Table(rows, colWidths=[width * 0.62, width * 0.38])
    table.setStyle(TableStyle([  # the bracket: a rule after the drug lines, ticks at its ends
        ("LINEAFTER", (0, 0), (0, len(lines) - 1), 0.8, "black"),
        ("SPAN", (1, 0), (1, len(lines) - 1)), ("VALIGN", (1, 0), (1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), register_font()),
        ("LEFTPADDING", (0, 0), (0, -1), 0), ("LEFTPADDING", (1, 0), (1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))  # fmt: skip
    return table


def doctor(ctx: PrintContext, order: dict[str, Any]) -> str:
    """The doctor's signature cell: the doctor who placed it, or for a verbal order the doctor
    who gave it, once they have signed it (blank until then; the nurse who took it is noted)."""
    if order.get("verbal_from"):
        return ctx.user(order["verbal_from"]) if order.get("verbal_signed_by") else ""
    return ctx.user(order["placed_by"])


def _carrier(ctx: PrintContext, group: dict[str, Any]) -> str:
    carrier = group.get("carrier")
    if not carrier:
        return ""
    return Diluent(carrier["code"], float(carrier["volume_ml"])).label("zh" if ctx.zh else "en")


def _notes(ctx: PrintContext, order: dict[str, Any]) -> list[str]:
    """A verbal order's mark, with its signature, its deadline or its overdue flag."""
    notes: list[str] = []
    if order.get("discharge"):
        notes.append(f"【{ctx.t('discharge_med')}】" + supply_text(ctx, order["discharge"]))
    if order.get("reissued_at"):
        notes.append(f"（{ctx.t('reissued')}）")
    deadline = verbal_deadline(order, OrderSheetSettings.load())
    if deadline is None:
        return notes
    notes.append("【" + ctx.t("verbal_from", doctor=ctx.user(order["verbal_from"]),
                             nurse=ctx.user(order["placed_by"])) + "】")  # fmt: skip
    at = ctx.when(deadline.isoformat().replace("+00:00", "Z"))
    if order.get("verbal_signed_by"):
        notes.append(ctx.t("verbal_signed", by=ctx.user(order["verbal_signed_by"])))
    elif ctx.printed_at > deadline:
        notes.append(ctx.t("verbal_overdue", at=at))
    else:
        notes.append(ctx.t("verbal_awaiting", at=at))
    return notes


def first_carried_out(chart: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per order id, its earliest recorded administration."""
    first: dict[str, dict[str, Any]] = {}
    for given in sorted(live(chart["administrations"]), key=lambda a: a["administered_at"]):
        first.setdefault(given["order_id"], given)
    return first


_LONG_WIDTHS = (22, 58, 22, 20, 22, 22, 20)


def _long_term_table(ctx: PrintContext, rows_in: list[Any], chart: dict[str, Any]) -> Table:
    s = styles(ctx)
    head = [ctx.t("start"), ctx.t("order"), ctx.t("doctor"), ctx.t("nurse"),
            ctx.t("stop"), ctx.t("doctor"), ctx.t("nurse")]  # fmt: skip
    rows: list[list[Any]] = [[para(h, s.cell) for h in head]]
    lines: list[tuple[Any, ...]] = []
    for o in rows_in:
        if isinstance(o, str):  # 重整医嘱: its line across the sheet, in red as on paper
            lines.append(("LINEBELOW", (0, len(rows)), (-1, len(rows)), 1.2, "red"))
            lines.append(("SPAN", (0, len(rows)), (-1, len(rows))))
            at = o.split("@", 1)[1]
            by = next((r["reorganised_by"] for r in chart.get("reorganisations", [])
                       if r["reorganised_at"] == at), None)  # fmt: skip
            rows.append([para(ctx.t("reorganised", at=ctx.when(at), by=ctx.user(by)), s.cell)]
                        + [""] * 6)  # fmt: skip
            continue
        stopped = o["status"] in ENDED and not o.get("reissued_at")
        rows.append([
            para(ctx.when(o.get("reissued_at") or o["start_at"]), s.cell),
            order_cell(ctx, o, (_LONG_WIDTHS[1] - 2) * mm),
            para(doctor(ctx, o), s.cell), para(ctx.user(o.get("checked_by")), s.cell),
            para(ctx.when(o["ended_at"]) if stopped else "", s.cell),
            para(ctx.user(o["ended_by"]) if stopped else "", s.cell),
            para(ctx.user(o.get("stop_checked_by")) if stopped else "", s.cell),
        ])  # fmt: skip
    if len(rows) == 1:
        rows.append([para(ctx.t("no_orders"), s.cell)] + [""] * 6)
    return grid_table(rows, [w * mm for w in _LONG_WIDTHS], extra=lines)


_TEMP_WIDTHS = (22, 76, 20, 22, 26, 20)


def _temporary_table(
    ctx: PrintContext, orders: list[dict[str, Any]], first: dict[str, dict[str, Any]]
) -> Table:
    s = styles(ctx)
    head = [ctx.t("start"), ctx.t("order"), ctx.t("doctor"), ctx.t("executed_at"),
            ctx.t("executed_by"), ctx.t("status")]  # fmt: skip
    rows: list[list[Any]] = [[para(h, s.cell) for h in head]]
    for o in orders:
        at, by = _carried_out(o, first.get(o["order_id"]))
        rows.append([
            para(ctx.when(o["start_at"]), s.cell), order_cell(ctx, o, (_TEMP_WIDTHS[1] - 2) * mm),
            para(doctor(ctx, o), s.cell), para(ctx.when(at), s.cell),
            para(ctx.user(by), s.cell), para(ctx.t(o["status"]), s.cell),
        ])  # fmt: skip
    if len(rows) == 1:
        rows.append([para(ctx.t("no_orders"), s.cell)] + [""] * 5)
    return grid_table(rows, [w * mm for w in _TEMP_WIDTHS])


def _carried_out(order: dict[str, Any], done: dict[str, Any] | None) -> tuple[Any, Any]:
    """When and by whom a temporary order was carried out: its first dose, its completion, or
    (a nursing order carried out at once) the nurse's check."""
    if done:
        return done["administered_at"], done["recorded_by"]
    if order["status"] == "completed":
        return order["ended_at"], order["ended_by"]
    return order.get("checked_at"), order.get("checked_by")
