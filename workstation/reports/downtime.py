"""The downtime pack (停机应急资料): one PDF for a whole ward, so it can carry on on paper —
census, then per patient allergies, orders in force, the MAR of the coming hours with blank
columns to fill by hand, latest vitals and latest results."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak

from workstation.projections import queries
from workstation.reports.context import PrintContext, age_years
from workstation.reports.handoff import allergy_text, latest_vitals_text, orders_in_force
from workstation.reports.mar import due_doses
from workstation.reports.notes import latest_results, results_table
from workstation.reports.orders import dose_text, order_line
from workstation.reports.page import SetBanner, build_pdf, grid_table, identifiers, para, styles
from workstation.reports.text import route_text

MAR_HOURS = 12
WIDTH = 186 * mm


def downtime_pack(
    ctx: PrintContext, conn: Any, ward_id: str, *, data_as_of: str | None, hours: int = MAR_HOURS
) -> bytes:
    """The ward's downtime PDF, read from one consistent snapshot of conn."""
    s = styles(ctx)
    census = queries.census(conn, ward_id)
    as_of = ctx.when(data_as_of) if data_as_of else ctx.t("never_synced")
    ward_line = f"{ctx.t('ward')}：{ctx.ward_name(ward_id)}    " + ctx.t(
        "patients_count", n=len(census)
    )
    story: list[Flowable] = [
        SetBanner(ward_line), para(ctx.t("data_as_of", at=as_of), s.heading),
        para(ctx.t("census"), s.heading), _census_table(ctx, conn, census),
    ]  # fmt: skip
    for row in census:
        chart = queries.chart(conn, row["patient_id"])
        story += [PageBreak(), SetBanner(identifiers(ctx, chart["patient"]))]
        story += _patient_pages(ctx, chart, hours)
    title = f"{ctx.t('downtime_pack')} — {ctx.ward_name(ward_id)}"
    return build_pdf(ctx, story, title=title, banner=ward_line)


def _census_table(ctx: PrintContext, conn: Any, census: list[dict[str, Any]]) -> Flowable:
    s = styles(ctx)
    on = ctx.local_date(ctx.printed_at)
    head = ("bed", "name", "record_number", "age", "diagnosis", "acuity", "allergies")
    rows: list[list[Any]] = [[para(ctx.t(k), s.cell) for k in head]]
    for p in census:
        chart = queries.chart(conn, p["patient_id"], sections=("allergies", "allergy_reviews"))
        sex = ctx.t(p["sex"]) if p["sex"] in ("male", "female") else ""
        rows.append([para(v, s.cell) for v in (
            p["bed"], p["name"], p["record_number"],
            f"{sex} {ctx.t('age_years', years=age_years(p['birth_date'], on))}",
            p.get("diagnosis") or "", ctx.t(p["acuity"]) if p.get("acuity") else "",
            allergy_text(ctx, chart),
        )])  # fmt: skip
    return grid_table(rows, [w * mm for w in (12, 22, 22, 18, 52, 14, 46)])


def _patient_pages(ctx: PrintContext, chart: dict[str, Any], hours: int) -> list[Flowable]:
    s, patient = styles(ctx), chart["patient"]
    orders = orders_in_force(chart)
    return [
        para(f"{patient['bed']}  {patient['name']}  {patient['record_number']}", s.title),
        para(f"{ctx.t('diagnosis')}：{patient.get('diagnosis') or ''}", s.body),
        para(f"{ctx.t('allergies')}：{allergy_text(ctx, chart)}", s.body),
        para(f"{ctx.t('latest_vitals')}：{latest_vitals_text(ctx, chart)}", s.body),
        para(ctx.t("active_orders"), s.heading),
        para("\n".join(order_line(ctx, o) for o in orders) or ctx.t("none"), s.cell),
        para(ctx.t("mar_next", hours=hours), s.heading),
        _blank_mar(ctx, orders, hours),
        para(ctx.t("latest_results"), s.heading),
        results_table(ctx, latest_results(chart), WIDTH),
    ]  # fmt: skip


def _blank_mar(ctx: PrintContext, orders: list[dict[str, Any]], hours: int) -> Flowable:
    s = styles(ctx)
    medicines = [o for o in orders if o["order_kind"] == "medication"]
    start = ctx.printed_at
    head = ("due_at", "drug", "dose", "route", "given_at", "initials", "remark")
    rows: list[list[Any]] = [[para(ctx.t(k), s.cell) for k in head]]
    for due, order in due_doses(ctx, medicines, start, start + timedelta(hours=hours)):
        rows.append([para(v, s.cell) for v in (
            ctx.when(due)[5:], ctx.drug_name(order), dose_text(order, ctx.lang),
            route_text(ctx.lang, order.get("route")), "", "", "",
        )])  # fmt: skip
    for order in (o for o in medicines if o.get("prn")):
        why = ctx.t("prn_when", why=order.get("prn_indication") or "")
        rows.append([para(v, s.cell) for v in (
            ctx.t("as_needed"), f"{ctx.drug_name(order)}  {why}", dose_text(order, ctx.lang),
            route_text(ctx.lang, order.get("route")), "", "", "",
        )])  # fmt: skip
    if len(rows) == 1:
        rows.append([para(ctx.t("no_doses_due"), s.cell)] + [""] * 6)
    widths = [w * mm for w in (22, 52, 18, 20, 26, 20, 28)]
    return grid_table(rows, widths, extra=[("TOPPADDING", (0, 1), (-1, -1), 6),
                                            ("BOTTOMPADDING", (0, 1), (-1, -1), 6)])  # fmt: skip
