"""Staffing against workload, Qt-free: a shift's patients per nurse, the ward's 床护比, special
care and unassigned beds, each warning with the standard it breaks.

The defaults are 卫生部《关于实施医院护士岗位管理的指导意见》(卫医政发〔2012〕30号), 三(三): "普通病房实际
护床比不低于0.4:1，每名护士平均负责的患者不超过8个" (general wards; its ICU figure, 2.5-3 nurses per
bed, is not a general ward's). No national figure for 特级护理 per nurse was verified, so that rule is
off until the hospital sets one. A hospital sets its own in the server config ([staffing])."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SOURCE_2012 = "卫生部《关于实施医院护士岗位管理的指导意见》(卫医政发〔2012〕30号)"
HIGH_NEWS2, MEDIUM_NEWS2 = 7, 5  # RCP 2017 NEWS2: >=7 high, 5-6 medium clinical risk
LEVELS = ("special", "first", "second", "third")  # 特级/一级/二级/三级护理 (WS/T 431-2013)


class StandardError(ValueError):
    """A staffing standard out of bounds; the message names the setting."""


@dataclass(frozen=True, slots=True)
class StaffingStandard:
    """The hospital's staffing standard: nurses per ward bed, patients per nurse on a shift,
    special-care patients per nurse (None: no rule), and where the figures come from."""

    nurses_per_bed: float = 0.4
    patients_per_nurse: float = 8.0
    special_per_nurse: float | None = None
    source: str = SOURCE_2012

    @classmethod
    def read(cls, raw: Mapping[str, Any] | None) -> StaffingStandard:
        """From the server config's [staffing] section (absent keys keep the defaults)."""
        raw = dict(raw or {})
        unknown = set(raw) - {"nurses_per_bed", "patients_per_nurse", "special_per_nurse", "source"}
        if unknown:
            raise StandardError(f"[staffing] has unknown settings: {', '.join(sorted(unknown))}")
        base = cls()
        values = {
            "nurses_per_bed": _bounded(raw, "nurses_per_bed", base.nurses_per_bed, 0.05, 5.0),
            "patients_per_nurse": _bounded(
                raw, "patients_per_nurse", base.patients_per_nurse, 1, 60
            ),
            "special_per_nurse": _bounded(raw, "special_per_nurse", None, 0.25, 10),
        }
        source = raw.get("source", base.source if not raw else "")
        if not isinstance(source, str) or not 0 < len(source) <= 200:
            raise StandardError("staffing.source: name the standard (1 to 200 characters)")
        return cls(**values, source=source)  # type: ignore[arg-type]

    def as_json(self) -> dict[str, Any]:
        """The standard for the dashboard."""
        return {"nurses_per_bed": self.nurses_per_bed, "patients_per_nurse": self.patients_per_nurse,
                "special_per_nurse": self.special_per_nurse, "source": self.source}  # fmt: skip


def _bounded(raw: Mapping[str, Any], key: str, default: float | None, low: float,
             high: float) -> float | None:  # fmt: skip
    value = raw.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise StandardError(f"staffing.{key}: a number from {low} to {high}")
    return float(value)


@dataclass(frozen=True, slots=True)
class PatientLoad:
    """What one patient weighs on a shift: bed, nursing level (None: none ordered), NEWS2."""

    bed: str
    level: str | None
    news2: int | None


@dataclass(frozen=True, slots=True)
class ShiftLoad:
    """One shift's workload beside its nurses, and the warnings that fall out of the standard."""

    census: int
    levels: dict[str, int]
    news2_high: int
    news2_medium: int
    nurses: int
    patients_per_nurse: float | None
    unassigned_beds: list[str]
    warnings: list[dict[str, Any]] = field(default_factory=list)


def shift_load(
    patients: Sequence[PatientLoad],
    assignments: Mapping[str, Iterable[str]],
    standard: StaffingStandard,
) -> ShiftLoad:
    """The workload of one shift with `assignments` ({nurse_id: beds}) and its warnings; the
    patients per nurse are over the nurses holding beds (all of them while none holds any)."""
    # The head nurse on the ward holds no beds: when beds are handed out, the 责任护士 (the
    # nurses holding beds) carry the patients; before, every nurse on the shift counts.
    carers = {n: beds for n, beds in assignments.items() if beds} or dict(assignments)
    nurses = len(carers)
    levels = {lv: sum(p.level == lv for p in patients) for lv in LEVELS}
    high = sum(p.news2 is not None and p.news2 >= HIGH_NEWS2 for p in patients)
    medium = sum(p.news2 is not None and MEDIUM_NEWS2 <= p.news2 < HIGH_NEWS2 for p in patients)
    covered = {bed for beds in assignments.values() for bed in beds}
    unassigned = sorted(p.bed for p in patients if p.bed not in covered)
    ratio = len(patients) / nurses if nurses else None
    warnings: list[dict[str, Any]] = []
    if patients and not nurses:
        warnings.append({"code": "no_nurse", "census": len(patients)})
    if ratio is not None and ratio > standard.patients_per_nurse:
        warnings.append({"code": "patients_per_nurse", "value": round(ratio, 1),
                         "limit": standard.patients_per_nurse})  # fmt: skip
    occupied = {p.bed for p in patients}
    for nurse, beds in sorted(assignments.items()):
        mine = len(occupied & set(beds))
        if mine > standard.patients_per_nurse:
            warnings.append({"code": "nurse_overloaded", "nurse_id": nurse, "value": mine,
                             "limit": standard.patients_per_nurse})  # fmt: skip
    if standard.special_per_nurse is not None and levels["special"]:
        need = math.ceil(levels["special"] / standard.special_per_nurse)
        if nurses < need:
            warnings.append({"code": "special_care", "value": levels["special"], "nurses": nurses,
                             "needed": need})  # fmt: skip
    if nurses and unassigned:
        warnings.append({"code": "unassigned", "beds": unassigned})
    return ShiftLoad(len(patients), levels, high, medium, nurses,
                     None if ratio is None else round(ratio, 2), unassigned, warnings)  # fmt: skip


def ward_establishment(beds: int, nurses: int, standard: StaffingStandard) -> dict[str, Any] | None:
    """The 床护比 warning when the ward's rostered nurses are fewer than beds x nurses_per_bed
    (the guidance's 实际护床比), or None."""
    need = math.ceil(round(beds * standard.nurses_per_bed, 6))
    if nurses >= need:
        return None
    return {"code": "bed_nurse_ratio", "beds": beds, "nurses": nurses, "needed": need,
            "ratio": round(nurses / beds, 2) if beds else None,
            "limit": standard.nurses_per_bed}  # fmt: skip
