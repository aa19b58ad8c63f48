"""Laboratory tests of the demo ward: names, units, adult reference intervals, and result events.

Reference intervals (adults) and where they come from:
- K, Na, Cl: WS/T 404.3-2012 (China national health standard, reference intervals for common
  clinical biochemistry tests, part 3: serum potassium, sodium and chloride).
- Urea, creatinine (enzymatic): WS/T 404.5-2015, sex- and age-specific (20-59 and 60-79 years).
- ALT (without pyridoxal phosphate): WS/T 404.1-2012.
- WBC, neutrophil %, haemoglobin, platelets: WS/T 405-2012 (reference intervals for blood cell analysis).
- Fasting glucose 3.9-6.1 mmol/L: upper limit from the Chinese Diabetes Society guideline for type 2
  diabetes (2020 edition, normal fasting glucose < 6.1); lower limit the ADA level-1 hypoglycaemia
  threshold (3.9 mmol/L, ADA Standards of Care).
- CRP < 10 mg/L: the 99th centile in healthy adults (Pepys & Hirschfield, J Clin Invest 2003;111:1805).
- hs-cTnT < 14 ng/L: 99th-centile upper reference limit of the Roche Elecsys hs-cTnT assay, as used
  by the Fourth Universal Definition of Myocardial Infarction (Thygesen et al., 2018).
- NT-proBNP < 125 pg/mL: non-acute exclusion threshold, ESC 2021 heart-failure guidelines.
- INR 0.8-1.1 for people not taking anticoagulants: MedlinePlus, "Prothrombin Time Test and INR".
- D-dimer < 0.5 mg/L FEU: the conventional cut-off in the ESC 2019 pulmonary-embolism guidelines.
- Arterial pH 7.35-7.45, PaCO2 35-45 mmHg, PaO2 80-100 mmHg: Harrison's Principles of Internal
  Medicine, 21st ed., appendix "Laboratory values of clinical importance".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from workstation.clock import iso
from workstation.server.demo_critical import report_critical
from workstation.server.demo_events import DemoLog, curve

Range = tuple[float | None, float | None]


@dataclass(frozen=True, slots=True)
class LabTest:
    """One analyte with its unit, decimals, reference interval(s) and a typical healthy value."""

    code: str
    name_en: str
    name_zh: str
    unit: str
    decimals: int
    ranges: dict[str, Range]  # "all", or "male"/"female", optionally "male60"/"female60"
    typical: dict[str, float]  # same keys as ranges (without the age split)

    def reference(self, sex: str, age: int) -> Range:
        """The interval that applies to a patient of this sex and age."""
        if "all" in self.ranges:
            return self.ranges["all"]
        key = sex if sex in ("male", "female") else "male"
        return self.ranges.get(f"{key}60", self.ranges[key]) if age >= 60 else self.ranges[key]

    def healthy(self, sex: str) -> float:
        """A typical value for a healthy adult of this sex."""
        return self.typical.get("all", self.typical.get(sex, next(iter(self.typical.values()))))


def _t(code: str, en: str, zh: str, unit: str, decimals: int, ranges: dict[str, Range],
       typical: dict[str, float]) -> LabTest:  # fmt: skip
    return LabTest(code, en, zh, unit, decimals, ranges, typical)


TESTS: dict[str, LabTest] = {t.code: t for t in [
    _t("WBC", "White cell count", "白细胞计数", "10^9/L", 1, {"all": (3.5, 9.5)}, {"all": 6.2}),
    _t("NEUT", "Neutrophils", "中性粒细胞百分比", "%", 1, {"all": (40, 75)}, {"all": 60}),
    _t("HGB", "Haemoglobin", "血红蛋白", "g/L", 0, {"male": (130, 175), "female": (115, 150)},
       {"male": 145, "female": 128}),
    _t("PLT", "Platelets", "血小板计数", "10^9/L", 0, {"all": (125, 350)}, {"all": 215}),
    _t("K", "Potassium", "钾", "mmol/L", 2, {"all": (3.5, 5.3)}, {"all": 4.2}),
    _t("NA", "Sodium", "钠", "mmol/L", 1, {"all": (137, 147)}, {"all": 141}),
    _t("CL", "Chloride", "氯", "mmol/L", 1, {"all": (99, 110)}, {"all": 104}),
    _t("UREA", "Urea", "尿素", "mmol/L", 2, {"male": (3.1, 8.0), "male60": (3.6, 9.5),
       "female": (2.6, 7.5), "female60": (3.1, 8.8)}, {"male": 5.4, "female": 4.8}),
    _t("CREA", "Creatinine", "肌酐", "µmol/L", 0, {"male": (57, 97), "male60": (57, 111),
       "female": (41, 73), "female60": (41, 81)}, {"male": 78, "female": 58}),
    _t("GLU", "Glucose (fasting)", "空腹血糖", "mmol/L", 1, {"all": (3.9, 6.1)}, {"all": 5.1}),
    _t("ALT", "Alanine aminotransferase", "丙氨酸氨基转移酶", "U/L", 0,
       {"male": (9, 50), "female": (7, 40)}, {"male": 24, "female": 18}),
    _t("CRP", "C-reactive protein", "C反应蛋白", "mg/L", 1, {"all": (None, 10)}, {"all": 2.5}),
    _t("TNT", "Troponin T, high-sensitivity", "高敏肌钙蛋白T", "ng/L", 0, {"all": (None, 14)}, {"all": 7}),
    _t("NTPROBNP", "NT-proBNP", "N末端B型利钠肽原", "pg/mL", 0, {"all": (None, 125)}, {"all": 70}),
    _t("INR", "INR", "国际标准化比值", "", 2, {"all": (0.8, 1.1)}, {"all": 0.98}),
    _t("DDIMER", "D-dimer", "D-二聚体", "mg/L FEU", 2, {"all": (None, 0.5)}, {"all": 0.28}),
    _t("PH", "pH (arterial)", "酸碱度", "", 2, {"all": (7.35, 7.45)}, {"all": 7.40}),
    _t("PCO2", "PaCO2", "二氧化碳分压", "mmHg", 0, {"all": (35, 45)}, {"all": 40}),
    _t("PO2", "PaO2", "氧分压", "mmHg", 0, {"all": (80, 100)}, {"all": 92}),
]}  # fmt: skip

# Panel code -> (Chinese name, English name, analytes). A panel with no analytes (a culture)
# is ordered and stays pending: its result takes days.
PANELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "CBC": ("血常规", "Full blood count", ("WBC", "NEUT", "HGB", "PLT")),
    "BMP": (
        "肾功能+电解质",
        "Renal function and electrolytes",
        ("K", "NA", "CL", "UREA", "CREA", "GLU"),
    ),
    "LFT": ("肝功能", "Liver function", ("ALT",)),
    "CRP": ("C反应蛋白", "C-reactive protein", ("CRP",)),
    "CARDIAC": ("心肌损伤标志物", "Cardiac markers", ("TNT", "NTPROBNP")),
    "COAG": ("凝血功能", "Coagulation", ("INR", "DDIMER")),
    "ABG": ("动脉血气分析", "Arterial blood gas", ("PH", "PCO2", "PO2")),
    "SPUTUM": ("痰培养+药敏", "Sputum culture and sensitivities", ()),
}

# Invented patient courses for chronic conditions (not reference data).
COMORBIDITY_LABS: dict[str, dict[str, list[float]]] = {
    "CKD3": {"CREA": [152, 146], "UREA": [10.4, 9.6]},
    "T2DM": {"GLU": [9.8, 7.9]},
}


# Relative scatter between draws: tight for tightly regulated analytes, wider for the rest.
_SCATTER = {"PH": 0.002, "NA": 0.008, "CL": 0.01, "K": 0.025}


def flag(value: float, reference: Range) -> str | None:
    """H or L against the reference interval, or None inside it."""
    low, high = reference
    if high is not None and value > high:
        return "H"
    if low is not None and value < low:
        return "L"
    return None


@dataclass
class LabCourse:
    """How one patient's results move over the stay."""

    sex: str
    age: int
    settle_hours: float
    courses: dict[str, Any]  # test code -> curve spec
    scale: dict[str, float]  # per-patient factor on the healthy value

    def value(self, code: str, hours: float, rng: random.Random) -> float:
        """The result of `code` at `hours` after admission, with assay-sized scatter."""
        test = TESTS[code]
        base = curve(self.courses[code], hours, self.settle_hours) if code in self.courses else 0.0
        scatter = _SCATTER.get(code, 0.04)
        if code not in self.courses:
            spread = 2.5 * scatter  # patients differ more than one patient's draws do
            base = test.healthy(self.sex) * self.scale.setdefault(
                code, rng.uniform(1 - spread, 1 + spread)
            )
        return round(base * rng.uniform(1 - scatter, 1 + scatter), test.decimals)


def lab_course(
    scenario: dict[str, Any], comorbidities: list[str], *, sex: str, age: int
) -> LabCourse:
    """The course of every analyte for one patient: scenario, then chronic disease, else healthy."""
    courses: dict[str, Any] = dict(scenario.get("labs", {}))
    for code in comorbidities:
        courses.update(COMORBIDITY_LABS.get(code, {}))
    return LabCourse(sex, age, float(scenario["recovery_hours"]), courses, {})


def result_payloads(
    panel: str, course: LabCourse, *, hours: float, resulted_at: datetime, order_id: str,
    lang: str, rng: random.Random,
) -> list[dict[str, Any]]:  # fmt: skip
    """LabResulted payloads for every analyte of a panel drawn `hours` after admission."""
    payloads = []
    for code in PANELS[panel][2]:
        test = TESTS[code]
        value = course.value(code, hours, rng)
        low, high = test.reference(course.sex, course.age)
        payload = {
            "test_code": code, "test_name": test.name_zh if lang == "zh" else test.name_en,
            "value": f"{value:.{test.decimals}f}", "numeric_value": value,
            "resulted_at": iso(resulted_at), "order_id": order_id,
        }  # fmt: skip
        optional = {"unit": test.unit or None, "reference_low": low, "reference_high": high,
                    "flag": flag(value, (low, high))}  # fmt: skip
        payload.update({k: v for k, v in optional.items() if v is not None})
        payloads.append(payload)
    return payloads


def record_panel(
    log: DemoLog, panel: str, *, patient_id: str, physician: str, lab_user: str, drawn_at: datetime,
    placed_at: datetime, course: LabCourse, admitted_at: datetime, lang: str, rng: random.Random,
) -> list[dict[str, Any]]:  # fmt: skip
    """Order a panel, then result and complete it; returns the result payloads that happened."""
    zh, en, analytes = PANELS[panel]
    order_id = log.add(placed_at, "OrderPlaced", author=physician, patient_id=patient_id, payload={
        "order_kind": "lab", "description": zh if lang == "zh" else en, "code": panel,
        "urgent": placed_at >= drawn_at - timedelta(minutes=30), "start_at": iso(drawn_at),
    })  # fmt: skip
    if order_id is None or not analytes:
        return []
    resulted_at = drawn_at + timedelta(minutes=rng.randint(50, 110))
    if not log.happened(resulted_at):
        return []
    hours = (drawn_at - admitted_at).total_seconds() / 3600
    payloads = result_payloads(panel, course, hours=hours, resulted_at=resulted_at,
                               order_id=order_id, lang=lang, rng=rng)  # fmt: skip
    for payload in payloads:
        result_id = log.add(resulted_at, "LabResulted", author=lab_user, patient_id=patient_id,
                            payload=payload)  # fmt: skip
        report_critical(log, result_id, patient_id=patient_id, lab_user=lab_user, at=resulted_at,
                        payload=payload)  # fmt: skip
    log.add(resulted_at + timedelta(minutes=1), "OrderCompleted", author=lab_user,
            patient_id=patient_id, payload={"order_id": order_id})  # fmt: skip
    return payloads
