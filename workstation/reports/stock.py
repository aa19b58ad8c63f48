"""The stock report (库存报表): quantity on hand per location, drug and lot, with expiry."""

from __future__ import annotations

from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from sqlalchemy import Connection, select

from workstation.projections import queries
from workstation.projections import tables as t
from workstation.reports.context import PrintContext
from workstation.reports.controlled_rx import UNIT_ZH
from workstation.reports.page import build_pdf, grid_table, para, styles


def stock_report(ctx: PrintContext, conn: Connection, location_id: str | None = None) -> bytes:
    """库存报表: one row per location, drug and lot; negative and expired stock flagged."""
    s = styles(ctx)
    today = ctx.local_date(ctx.printed_at)
    head = ("location", "drug", "lot", "expiry", "quantity", "unit", "remark")
    rows: list[list[Any]] = [[para(ctx.t(k), s.cell) for k in head]]
    flagged: list[tuple[Any, ...]] = []
    for line in queries.stock_on_hand(conn, location_id):
        remarks = _remarks(ctx, line, today)
        if remarks:
            flagged.append(
                ("TEXTCOLOR", (0, len(rows)), (-1, len(rows)), colors.HexColor("#b00020"))
            )
        rows.append([para(v, s.cell) for v in (
            ctx.location_name(line["location_id"]),
            ctx.drug_name({"drug_code": line["drug_code"]}), line["lot"], line["expiry"] or "",
            f"{line['quantity']:g}", _unit_words(ctx, _unit(conn, line)), "；".join(remarks),
        )])  # fmt: skip
    if len(rows) == 1:
        rows.append([para(ctx.t("no_stock"), s.cell)] + [""] * 6)
    widths = [w * mm for w in (22, 44, 26, 24, 20, 14, 36)]
    table = grid_table(rows, widths, extra=flagged)
    return build_pdf(
        ctx,
        [table],
        title=ctx.t("stock_report"),
        banner=ctx.location_name(location_id) if location_id else None,
    )


def _remarks(ctx: PrintContext, line: dict[str, Any], today: date) -> list[str]:
    remarks = []
    if line["quantity"] < 0:
        remarks.append(ctx.t("negative"))
    if line.get("expiry") and date.fromisoformat(line["expiry"]) < today:
        remarks.append(ctx.t("expired"))
    return remarks


def _unit_words(ctx: PrintContext, unit: str) -> str:
    """The dispensing unit as the document's language counts it (片, 支 on a Chinese page)."""
    return UNIT_ZH.get(unit, unit) if ctx.zh else unit


def _unit(conn: Connection, line: dict[str, Any]) -> str:
    m = t.stock_movements.c
    return str(conn.execute(
        select(m.unit).where(m.drug_code == line["drug_code"], m.lot == line["lot"],
                             m.unit.is_not(None)).limit(1)
    ).scalar() or "")  # fmt: skip
