"""The ward pick list (摆药单) as printed for the pharmacist who picks it: one row per drug to
pick, a bag's other drugs and its carrier each on a row of their own under the order's drug,
with the quantity in the unit of the form dispensed (片 for oral furosemide, 支 for its
injection), what was already picked, and why a drug cannot be picked."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from workstation.clinical.dispensing import PickLine
from workstation.reports.context import PrintContext
from workstation.reports.controlled_rx import UNIT_ZH
from workstation.reports.page import build_pdf, grid_table, para, styles

PICK_WORDS = {
    "title": ("病区摆药单", "Ward pick list"),
    "bed": ("床号", "Bed"),
    "patient": ("姓名", "Patient"),
    "drug": ("药品及医嘱", "Drug and order"),
    "doses": ("次数", "Doses"),
    "quantity": ("数量", "Quantity"),
    "picked": ("已摆", "Picked"),
    "remark": ("备注", "Remark"),
    "window": ("病区 {ward} · {start} 起 {hours} 小时", "Ward {ward} · {hours} h from {start}"),
    "empties": ("{n} 个空安瓿/废贴未交回", "{n} empty ampoule(s) or patch(es) not back"),
    "nothing": ("此时段无需摆药", "Nothing to pick in this period"),
    "picker": ("摆药人：__________    核对人：__________", "Picked by: __________    Checked by: __________"),
}  # fmt: skip
_WIDTHS = (12, 22, 78, 12, 20, 14, 32)


def _word(ctx: PrintContext, key: str, **values: object) -> str:
    zh, en = PICK_WORDS[key]
    return (zh if ctx.zh else en).format(**values)


def unit_word(ctx: PrintContext, unit: str) -> str:
    """A dispensing unit as printed: 支, 片, 袋 in Chinese; amp, tab, bag in English."""
    return UNIT_ZH.get(unit, unit) if ctx.zh else unit


def pick_list_pdf(
    ctx: PrintContext, lines: Sequence[PickLine], *, ward: str, start: datetime, hours: int = 24
) -> bytes:
    """摆药单: every line of the ward's pick list, bed by bed, a bag's drugs under its order."""
    s = styles(ctx)
    head = ("bed", "patient", "drug", "doses", "quantity", "picked", "remark")
    rows: list[list[Any]] = [[para(_word(ctx, k), s.cell) for k in head]]
    flagged: list[tuple[Any, ...]] = []
    for line in lines:
        if line.problem or line.empties_out:
            flagged.append(
                ("TEXTCOLOR", (6, len(rows)), (6, len(rows)), colors.HexColor("#b00020"))
            )
        rows.append([para(v, s.cell) for v in _row(ctx, line)])
    if not lines:
        rows.append([para(_word(ctx, "nothing"), s.cell)] + [""] * 6)
    table = grid_table(rows, [w * mm for w in _WIDTHS], extra=flagged)
    banner = _word(ctx, "window", ward=ctx.ward_name(ward), hours=hours, start=ctx.when(start))
    return build_pdf(ctx, [table, Spacer(1, 6 * mm), para(_word(ctx, "picker"), s.body)], title=_word(ctx, "title"),
                     banner=banner)  # fmt: skip


def _row(ctx: PrintContext, line: PickLine) -> tuple[str, ...]:
    name = ctx.drug_name({"drug_code": line.drug_code})
    first = line.part == 0
    drug = f"{name} {line.amount}\n{line.description}" if first else f"    + {name} {line.amount}"
    unit = unit_word(ctx, line.unit)
    remark = line.problem or (_word(ctx, "empties", n=f"{line.empties_out:g}")
                              if line.empties_out else "")  # fmt: skip
    picked = (
        f"✓ {line.dispensed:g}" if line.dispensed >= line.quantity > 0 else f"{line.dispensed:g}"
    )
    return (line.bed if first else "", line.patient_name if first else "", drug,
            str(line.doses) if first else "", f"{line.quantity:g} {unit}".strip(), picked, remark)  # fmt: skip
