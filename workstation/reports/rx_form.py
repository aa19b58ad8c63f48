"""What every prescription form (处方) carries by 处方管理办法 (卫生部令第53号, 2007) Art. 5 and its
Annex 1 (处方标准): the form's type as the mark in its top right corner with its paper colour
(普通 white; 急诊 light yellow; 儿科 light green; 麻、精一 light red; 精二 white), and each item's
规格 (strength of the dispensed form) and 数量 (quantity, in the form's dispensing unit)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from workstation.clinical import dispense_forms
from workstation.clinical.checks.context import order_from_row
from workstation.clinical.formulary import DrugForm, Formulary, convert_amount
from workstation.reports.context import PrintContext, age_years
from workstation.reports.fonts import register_font
from workstation.reports.page import SIDE_MARGIN

UNIT_ZH = {
    "amp": "支",
    "vial": "支",
    "tab": "片",
    "cap": "粒",
    "patch": "贴",
    "bag": "袋",
    "bottle": "瓶",
    "supp": "粒",
    "inhaler": "支",
    "pen": "支",
    "syringe": "支",
    "tube": "支",
}


@dataclass(frozen=True, slots=True)
class FormType:
    """One of Annex 1's five prescription forms: its corner mark, paper colour and title key."""

    key: str
    mark: str
    paper: Any  # a reportlab colour; None for white paper


GENERAL = FormType("general", "普通", None)
EMERGENCY = FormType("emergency", "急诊", colors.HexColor("#FFF7C2"))  # 淡黄色
PAEDIATRIC = FormType("paediatric", "儿科", colors.HexColor("#DDF2D8"))  # 淡绿色
NARCOTIC = FormType("narcotic", "麻、精一", colors.HexColor("#F9D9DC"))  # 淡红色
PSYCHOTROPIC_2 = FormType("psychotropic_2", "精二", None)  # 白色


def form_type(ctx: PrintContext, patient: dict[str, Any]) -> FormType:
    """The form of a patient's ordinary medicines: 急诊 on a ward the hospital names as an
    emergency ward (急诊留观), else 儿科 for a child (under the hospital's paediatric age), else 普通."""
    if patient.get("ward_id") in ctx.hospital.emergency_wards:
        return EMERGENCY
    age = age_years(patient["birth_date"], ctx.local_date(ctx.printed_at))
    return PAEDIATRIC if age < ctx.hospital.paediatric_under else GENERAL


class Paper(Flowable):
    """The form's paper colour over the whole page and its boxed corner mark (drawn first)."""

    def __init__(self, kind: FormType):
        super().__init__()
        self.kind = kind
        self.width = self.height = 0

    def draw(self) -> None:
        """Paint the page and the boxed corner mark, in page coordinates."""
        canvas = self.canv
        x, y = canvas.absolutePosition(0, 0)
        width, height = A4
        canvas.saveState()
        canvas.translate(-x, -y)
        if self.kind.paper is not None:
            canvas.setFillColor(self.kind.paper)
            canvas.rect(0, 0, width, height, fill=1, stroke=0)
        canvas.setFillColor(colors.black)
        canvas.setFont(register_font(), 13)
        box_w, top = 26 * mm, height - 8 * mm
        canvas.rect(width - SIDE_MARGIN - box_w, top - 9 * mm, box_w, 9 * mm, fill=0, stroke=1)
        canvas.drawCentredString(width - SIDE_MARGIN - box_w / 2, top - 6.3 * mm, self.kind.mark)
        canvas.restoreState()


def dispensed_form(formulary: Formulary, order: dict[str, Any]) -> DrugForm | None:
    """The form an order's dose is dispensed in, as the pharmacy picks it (the route's form:
    workstation.clinical.dispense_forms); None for a drug or dose the formulary cannot place."""
    drug = formulary.by_code(str(order.get("drug_code") or ""))
    if drug is None or order.get("dose_value") is None:
        return None
    try:
        form, _per_dose = dispense_forms.dispensed_form(
            drug, float(order["dose_value"]), order.get("dose_unit") or "", order.get("route")
        )
    except dispense_forms.NoFormForRoute:
        return None
    return form


def units_per_dose(form: DrugForm, value: float, unit: str) -> float | None:
    """How many of the form's units make a dose: by strength (2 g of 1 g vials: 2), or a
    liquid by volume (15 mL of a 100 mL bottle: 0.15); None when the units do not meet."""
    amount = convert_amount(value, unit, form.unit)
    if amount is not None and form.strength > 0:
        return amount / form.strength
    millilitres = convert_amount(value, unit, "mL")
    return millilitres / form.volume_ml if millilitres is not None and form.volume_ml else None


def unit_word(ctx: PrintContext, unit: str) -> str:
    """A dispensing unit in this language (片 for tab in Chinese)."""
    return UNIT_ZH.get(unit, unit) if ctx.zh else unit


def strength_text(ctx: PrintContext, form: DrugForm | None) -> str:
    """规格: `500 mg/片`, a liquid's `10 mg/1 mL/支`; `—` when the formulary does not know it."""
    if form is None:
        return "—"
    text = f"{form.strength:g} {form.unit}"
    if form.volume_ml:
        text += f"/{form.volume_ml:g} mL"
    return f"{text}/{unit_word(ctx, form.dispense_unit)}"


def quantity(formulary: Formulary, order: dict[str, Any], days: int) -> tuple[float, str]:
    """数量: whole units of the dispensed form for `days` days of the order (a PRN or a
    once-only order counts one dose a day); for a tube of ointment the tubes the order names."""
    form = dispensed_form(formulary, order)
    if form is None:
        return float(days), ""
    if dispense_forms.is_supply(form):  # the tubes written, not one a dose
        return float(math.ceil(float(order["dose_value"]) - 1e-9)), form.dispense_unit
    per_dose = units_per_dose(form, float(order["dose_value"]), order.get("dose_unit") or "") or 1.0
    per_day = 1.0 if order.get("frequency") in ("st", "prn") else None
    per_day = per_day or order_from_row(order).doses_per_day or 1.0
    return float(math.ceil(per_dose * per_day * days - 1e-9)), form.dispense_unit


RX_TEXT = {
    "general": ("普通处方", "Standard prescription"),
    "emergency": ("急诊处方", "Emergency prescription"),
    "paediatric": ("儿科处方", "Paediatric prescription"),
    "strength": ("规格：{s}", "Strength: {s}"),
    "quantity": ("数量：{amount}", "Qty: {amount}"),
    "prn": ("必要时：{why}", "as needed: {why}"),
    "one_day": ("住院处方：数量为1日用量", "Ward prescription: each quantity is one day's supply"),
    "own_form": ("另开专用处方（麻醉药品、精神药品）：{drugs}",
                 "On their own form (narcotic and psychotropic drugs): {drugs}"),
}  # fmt: skip


def rx_text(ctx: PrintContext, key: str, **values: object) -> str:
    """A prescription form's words in this language."""
    zh, en = RX_TEXT[key]
    return (zh if ctx.zh else en).format(**values)
