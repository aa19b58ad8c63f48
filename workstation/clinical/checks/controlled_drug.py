"""Controlled drugs (麻醉药品, 第一类/第二类精神药品): who may order them and how much at once."""

from __future__ import annotations

from workstation.clinical.checks.common import names
from workstation.clinical.checks.model import Alert, MedicationOrder, PatientContext
from workstation.clinical.controlled import CLASS_NAMES, controlled_class, is_strict
from workstation.clinical.knowledge import Knowledge

RIGHT_SOURCE = (
    "处方管理办法 (2007) Art. 11: 麻醉药品和第一类精神药品处方权 after training and assessment"
)
ONE_DAY_SOURCE = "处方管理办法 (2007) Art. 25: inpatient 麻醉药品/第一类精神药品 prescriptions are written day by day, one day's usual quantity each"
PETHIDINE_SOURCE = "处方管理办法 (2007) Art. 26: 盐酸哌替啶 one dose per prescription"
INFO_SOURCE = "麻醉药品和精神药品管理条例 (2005); 精神药品品种目录 (2013)"


def check(order: MedicationOrder, patient: PatientContext, kb: Knowledge) -> list[Alert]:
    """Critical when a 麻/精一 order is signed without the right or, on the ward, for more than
    one day (pethidine: more than one dose); an information note for a 精二 drug."""
    drug = kb.drug(order.drug_code)
    drug_class = controlled_class(drug)
    if drug_class is None:
        return []
    en, zh = names(kb, order.drug_code)
    class_en, class_zh = CLASS_NAMES[drug_class]
    if not is_strict(drug):
        return [_alert("info", f"{en} is a {class_en}: white 精二 prescription, special register.",
                       f"{zh}为{class_zh}：精二处方（白色），专册登记。", "controlled-psy2",
                       INFO_SOURCE)]  # fmt: skip
    found = []
    if order.prescriber is not None and not order.prescriber.narcotic_right:
        found.append(_alert("critical",
            f"{en} is a {class_en}: only a doctor holding the narcotic prescribing right may order it.",
            f"{zh}为{class_zh}：仅具有麻醉药品和第一类精神药品处方权的医师可开具。",
            "controlled-right", RIGHT_SOURCE))  # fmt: skip
    if order.duration_days is not None and order.duration_days > 1 and not order.discharge:
        # 出院带药 takes the outpatient limits (Art. 23-24) instead, held by its quantity
        # (dispensing.discharge_supply)
        found.append(_alert("critical",
            f"{en} is a {class_en}: an inpatient order is for one day's quantity at a time, "
            f"not {order.duration_days} days. Order it again each day.",
            f"{zh}为{class_zh}：住院医嘱应逐日开具，每次为1日常用量，不得开{order.duration_days}天。",
            "controlled-one-day", ONE_DAY_SOURCE))  # fmt: skip
    elif order.drug_code == "pethidine" and _repeats(order):
        found.append(_alert("critical",
            f"{en}: one dose per prescription; a repeating order is not allowed.",
            f"{zh}：每张处方为一次常用量，不得开具重复医嘱。", "controlled-pethidine",
            PETHIDINE_SOURCE))  # fmt: skip
    return found


def _repeats(order: MedicationOrder) -> bool:
    return not order.prn and order.frequency not in (None, "st") and (order.doses_per_day or 1) > 1


def _alert(severity: str, message: str, message_zh: str, rule_id: str, source: str) -> Alert:
    return Alert(category="controlled-drug", severity=severity, message=message,
                 message_zh=message_zh, rule_id=rule_id, source=source)  # fmt: skip
