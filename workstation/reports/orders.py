"""The prescription (处方笺) and the order lines the order sheets (reports/order_sheet.py) print."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from workstation.clinical.allergy_names import allergen_name
from workstation.clinical.allergy_status import allergy_status
from workstation.clinical.controlled import controlled_class, form_mark
from workstation.clinical.dot_phrases import allergy_entries
from workstation.clinical.formulary import Formulary, default_formulary
from workstation.clinical.order_sheet import TEMPORARY, term_of
from workstation.clinical.order_words import dose_text, order_text
from workstation.reports.context import PrintContext, live
from workstation.reports.fonts import register_font
from workstation.reports.page import build_pdf, identifiers, para, styles
from workstation.reports.rx_form import (
    Paper,
    dispensed_form,
    form_type,
    quantity,
    rx_text,
    strength_text,
    unit_word,
)
from workstation.reports.text import frequency_text, route_text


def order_line(ctx: PrintContext, order: dict[str, Any]) -> str:
    """An order as printed: the drug, dose, route and frequency in words, or its description."""
    return order_text(order, ctx.lang, name=ctx.drug_name)


def is_temporary(order: dict[str, Any]) -> bool:
    """An order of the temporary sheet: 临时 as chosen, or (placed before the doctor chose)
    a one-off order (st medication, lab, imaging)."""
    return term_of(order) == TEMPORARY


def prescription(ctx: PrintContext, chart: dict[str, Any],
                 formulary: Formulary | None = None) -> bytes:  # fmt: skip
    """处方笺 (处方管理办法 Art. 5, Annex 1): the form's type in the corner on its paper colour,
    each medicine in force with 规格, 数量 (one day's) and 用法用量; controlled drugs are named as
    written on their own form."""
    s, patient = styles(ctx), chart["patient"]
    formulary = formulary or default_formulary()
    medicines, controlled = _ordinary_medicines(chart, formulary)
    kind = form_type(ctx, patient)
    allergies = "；".join(
        allergen_name(a["substance"], ctx.lang.startswith("zh")) for a in live(chart["allergies"])
    )
    story: list[Flowable] = [
        Paper(kind),
        para(rx_text(ctx, kind.key) + "    " + ctx.t("fee_category"), s.small),
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
        story += rx_item(ctx, formulary, number, order)
    story.append(para(rx_text(ctx, "one_day"), s.small))
    if controlled:
        names = ("、" if ctx.zh else ", ").join(dict.fromkeys(ctx.drug_name(o) for o in controlled))
        story.append(para(rx_text(ctx, "own_form", drugs=names), s.small))
    story += [Spacer(1, 10 * mm), _prescription_signatures(ctx, medicines)]
    return build_pdf(ctx, story, title=ctx.t("prescription"), banner=identifiers(ctx, patient))


def _ordinary_medicines(
    chart: dict[str, Any], formulary: Formulary
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The long-term medication orders in force, split into the ordinary ones and those of a
    controlled class (麻、精一 or 精二: Annex 1 gives them their own forms)."""
    in_force = sorted(
        (o for o in live(chart["orders"]) if o["order_kind"] == "medication"
         and o["status"] in ("placed", "verified") and not is_temporary(o)
         and not o.get("discharge")),
        key=lambda o: o["placed_at"],
    )  # fmt: skip
    ordinary: list[dict[str, Any]] = []
    controlled: list[dict[str, Any]] = []
    for order in in_force:
        drug = formulary.by_code(str(order.get("drug_code") or ""))
        (
            controlled if form_mark(controlled_class(drug.entry if drug else None)) else ordinary
        ).append(order)
    return ordinary, controlled


def sig_frequency(ctx: PrintContext, order: dict[str, Any]) -> str:
    """The frequency in words, a PRN order's indication once: `必要时：体温高于38.5℃时`, not
    `必要时 必要时：…`; a regular frequency keeps its word before the indication."""
    freq = frequency_text(ctx.lang, order.get("frequency"))
    why = order.get("prn_indication")
    if not why:
        return freq
    when = rx_text(ctx, "prn", why=why)
    return when if order.get("frequency") in (None, "", "prn") else f"{freq} {when}"


def rx_item(ctx: PrintContext, formulary: Formulary, number: int, order: dict[str, Any],
            *, days: int = 1, amount: str | None = None) -> list[Flowable]:  # fmt: skip
    """An Rp item: `1. 对乙酰氨基酚   规格：500 mg/片   数量：2 片`, then `用法用量：…` indented;
    `amount` is the quantity as written elsewhere (出院带药: `共 14 片，14 天`), else `days` days."""
    s = styles(ctx)
    if amount is None:
        units, unit = quantity(formulary, order, days)
        amount = f"{units:g} {unit_word(ctx, unit)}"
    strength = strength_text(ctx, dispensed_form(formulary, order))
    usage = ctx.t("usage", dose=dose_text(order, ctx.lang), route=route_text(ctx.lang, order.get("route")),
                  freq=sig_frequency(ctx, order))  # fmt: skip
    row = [para(f"{number}. {ctx.drug_name(order)}", s.body),
           para(rx_text(ctx, "strength", s=strength), s.body),
           para(rx_text(ctx, "quantity", amount=amount), s.body)]  # fmt: skip
    indented = ParagraphStyle("indented", parent=s.body, leftIndent=6 * mm)
    table = Table([row, [para(usage, indented), "", ""]], colWidths=[78 * mm, 62 * mm, 46 * mm])
    table.setStyle(TableStyle([("SPAN", (0, 1), (2, 1)), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("FONTNAME", (0, 0), (-1, -1), register_font()),
                               ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))  # fmt: skip
    return [table, Spacer(1, 1.5 * mm)]


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
