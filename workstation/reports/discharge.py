"""出院带药: the medicines the doctor chose at discharge (oral and external forms, each with its
quantity and days), printed as the discharge prescription and listed on the 出院记录.
处方管理办法 (2007) Art. 19: 7 days at most, longer for a chronic illness with the reason;
Art. 5 and 6: each line the drug, dose, route, frequency and the quantity handed over."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from workstation.clinical.formulary import default_formulary
from workstation.reports.context import PrintContext, live
from workstation.reports.orders import _prescription_signatures, dose_text, rx_item
from workstation.reports.page import build_pdf, identifiers, para, styles
from workstation.reports.rx_form import (
    UNIT_ZH,
    Paper,
    form_type,
    rx_text,
)
from workstation.reports.text import frequency_text, route_text


def discharge_orders(chart: dict[str, Any]) -> list[dict[str, Any]]:
    """The 出院带药 orders in force (not stopped, not voided), in the order they were placed."""
    return sorted(
        (o for o in live(chart["orders"]) if o.get("discharge")
         and o["status"] in ("placed", "verified", "completed")),
        key=lambda o: o["placed_at"],
    )  # fmt: skip


def supply_text(ctx: PrintContext, supply: dict[str, Any]) -> str:
    """`21 粒，7 天` / `21 cap, 7 days`: the quantity handed over (the formulary's dispensing unit,
    in Chinese words on a Chinese print) and the days."""
    unit = UNIT_ZH.get(supply["unit"], supply["unit"]) if ctx.zh else supply["unit"]
    return ctx.t("supply", quantity=f"{supply['quantity']:g}", unit=unit, days=supply["days"])


def discharge_line(ctx: PrintContext, order: dict[str, Any]) -> str:
    """`Amlodipine 5 mg oral once daily — 14 tablet, 14 days`."""
    amount = supply_text(ctx, order["discharge"])
    return (f"{ctx.drug_name(order)}  {dose_text(order, ctx.lang)}  {route_text(ctx.lang, order.get('route'))}"
            f"  {frequency_text(ctx.lang, order.get('frequency'))}  —  {amount}")  # fmt: skip


def discharge_prescription(ctx: PrintContext, chart: dict[str, Any]) -> bytes:
    """出院带药处方: Rp lines of the discharge medicines with quantities and days, signatures."""
    s, patient = styles(ctx), chart["patient"]
    medicines, formulary = discharge_orders(chart), default_formulary()
    kind = form_type(ctx, patient)  # 普通, 急诊 or 儿科 with its paper (处方管理办法 附件1)
    story: list[Flowable] = [
        Paper(kind),
        para(rx_text(ctx, kind.key) + "    " + ctx.t("discharge_med"), s.small),
        para(f"{ctx.t('diagnosis')}：{patient.get('diagnosis') or ''}", s.body),
        para(f"{ctx.t('date')}：{ctx.when(ctx.printed_at)[:10]}", s.body),
        Spacer(1, 3 * mm), para("Rp.", s.heading),
    ]  # fmt: skip
    if not medicines:
        story.append(para(ctx.t("no_medications"), s.body))
    for number, order in enumerate(medicines, start=1):
        story += rx_item(ctx, formulary, number, order, amount=supply_text(ctx, order["discharge"]))
    story += [Spacer(1, 10 * mm), _prescription_signatures(ctx, medicines)]
    return build_pdf(ctx, story, title=ctx.t("discharge_prescription"),
                     banner=identifiers(ctx, patient))  # fmt: skip
