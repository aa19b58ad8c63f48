"""The prescription (处方笺) and the order lines the order sheets (reports/order_sheet.py) print."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from workstation.clinical.allergy_status import allergy_status
from workstation.clinical.dot_phrases import allergy_entries
from workstation.clinical.order_sheet import TEMPORARY, term_of
from workstation.clinical.order_words import dose_text, order_text
from workstation.reports.context import PrintContext, live
from workstation.reports.fonts import register_font
from workstation.reports.page import build_pdf, identifiers, para, styles
from workstation.reports.text import frequency_text, route_text


def order_line(ctx: PrintContext, order: dict[str, Any]) -> str:
    """An order as printed: the drug, dose, route and frequency in words, or its description."""
    return order_text(order, ctx.lang, name=ctx.drug_name)


def is_temporary(order: dict[str, Any]) -> bool:
    """An order of the temporary sheet: 临时 as chosen, or (placed before the doctor chose)
    a one-off order (st medication, lab, imaging)."""
    return term_of(order) == TEMPORARY


def prescription(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """处方笺: patient, diagnosis, Rp lines of the medicines in force, signature fields."""
    s, patient = styles(ctx), chart["patient"]
    with_orders = [o for o in live(chart["orders"]) if o["order_kind"] == "medication"]
    medicines = sorted(
        (o for o in with_orders if o["status"] in ("placed", "verified") and not is_temporary(o)),
        key=lambda o: o["placed_at"],
    )
    indented = ParagraphStyle("indented", parent=s.body, leftIndent=6 * mm, spaceAfter=3)
    allergies = "；".join(a["substance"] for a in live(chart["allergies"]))
    story: list[Flowable] = [
        para(ctx.t("prescription_kind") + "    " + ctx.t("fee_category"), s.small),
        Spacer(1, 2 * mm),
        para(f"{ctx.t('diagnosis')}：{patient.get('diagnosis') or ''}", s.body),
        para(f"{ctx.t('allergies')}：{allergies or status_words(ctx, chart)}", s.body),
        para(f"{ctx.t('date')}：{ctx.when(ctx.printed_at)[:10]}", s.body),
        Spacer(1, 3 * mm),
        para("Rp.", s.heading),
    ]
    if not medicines:
        story.append(para(ctx.t("no_medications"), s.body))
    for number, order in enumerate(medicines, start=1):
        usage = ctx.t(
            "usage", dose=dose_text(order), route=route_text(ctx.lang, order.get("route")),
            freq=frequency_text(ctx.lang, order.get("frequency")),
        )  # fmt: skip
        extra = "  " + ctx.t("prn_when", why=order["prn_indication"]) if order.get("prn") else ""
        story += [para(f"{number}. {ctx.drug_name(order)}", s.body),
                  para(f"{usage}{extra}", indented)]  # fmt: skip
    story += [Spacer(1, 10 * mm), _prescription_signatures(ctx, medicines)]
    return build_pdf(ctx, story, title=ctx.t("prescription"), banner=identifiers(ctx, patient))


def _prescription_signatures(ctx: PrintContext, medicines: list[dict[str, Any]]) -> Table:
    s = styles(ctx)
    prescribers = sorted({ctx.user(o["placed_by"]) for o in medicines})
    reviewers = sorted({ctx.user(o["verified_by"]) for o in medicines if o.get("verified_by")})
    rows = [
        [para(f"{ctx.t('prescriber')}：{'、'.join(prescribers)}", s.body),
         para(f"{ctx.t('signature')}：____________", s.body)],
        [para(f"{ctx.t('reviewer')}：{'、'.join(reviewers)}", s.body),
         para(f"{ctx.t('signature')}：____________", s.body)],
        [para(f"{ctx.t('dispenser')}：____________", s.body),
         para(f"{ctx.t('checker')}：____________", s.body)],
        [para(ctx.t("drug_cost"), s.body), para("", s.body)],
    ]  # fmt: skip
    table = Table(rows, colWidths=[93 * mm, 93 * mm])
    table.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, 0), 0.8, "black"),
                               ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("FONTNAME", (0, 0), (-1, -1), register_font())]))  # fmt: skip
    return table


def allergy_line(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """Allergies with severity and reaction, else the allergy status words."""
    listed = "；".join(allergy_entries(chart.get("allergies") or [], ctx.lang))
    return listed or status_words(ctx, chart)


def status_words(ctx: PrintContext, chart: dict[str, Any]) -> str:
    """The allergy status words (with who and when) for a chart without recorded allergies."""
    return allergy_status(chart).text(ctx.lang, when=ctx.when, name=ctx.user)
