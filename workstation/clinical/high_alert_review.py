"""The pharmacist's list of the high-alert medicines and their ceilings (issue 11 item 1): every
number with its source, and which numbers still want local review — a ceiling marked
`local_review` in the formulary (a pen's dial limit, a foreign label applied to another route)
or no ceiling at all (drugs titrated by rate, level or response)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from workstation.clinical.formulary import Drug
from workstation.clinical.formulary_schema import LIMIT_KEYS

LIMIT_NAMES = {
    "max_single_dose": "single", "max_daily_dose": "daily",
    "opioid_naive_single_dose": "opioid-naive single", "opioid_naive_daily_dose": "opioid-naive daily",
    "max_cycle_dose": "per cycle",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ceiling:
    """One number of a high-alert drug: which limit, its value and unit, route and source."""

    kind: str  # single | daily | opioid-naive single | opioid-naive daily
    value: float
    unit: str
    route: str | None
    source: str
    local_review: bool


@dataclass(frozen=True, slots=True)
class HighAlertDrug:
    """A high-alert drug of the formulary and its ceilings (none: see the dose note)."""

    code: str
    name_en: str
    name_zh: str
    routes: tuple[str, ...]  # the high-alert routes; empty = every route
    ceilings: tuple[Ceiling, ...]
    dose_note: str | None

    @property
    def wants_review(self) -> bool:
        """No ceiling at all, or one the formulary marks for local review."""
        return not self.ceilings or any(c.local_review for c in self.ceilings)


def _ceilings(entry: Mapping[str, Any]) -> Iterable[Ceiling]:
    for key in LIMIT_KEYS:
        spec = entry.get(key)
        for limit in spec if isinstance(spec, list) else [spec] if spec else []:
            yield Ceiling(
                LIMIT_NAMES[key], float(limit["value"]), str(limit["unit"]), limit.get("route"),
                str(limit["source"]), bool(limit.get("local_review")),
            )  # fmt: skip


def high_alert_drugs(formulary: Iterable[Drug]) -> list[HighAlertDrug]:
    """The high-alert drugs in formulary order, with their ceilings."""
    return [
        HighAlertDrug(
            drug.code, drug.name_en, drug.name_zh, tuple(drug.entry.get("high_alert_routes") or ()),
            tuple(_ceilings(drug.entry)), drug.dose_note("en"),
        )
        for drug in formulary
        if drug.high_alert
    ]  # fmt: skip


def _cell(ceiling: Ceiling) -> str:
    route = f" {ceiling.route}" if ceiling.route else ""
    review = " (local review)" if ceiling.local_review else ""
    return f"{ceiling.kind}{route} {ceiling.value:g} {ceiling.unit}{review} — {ceiling.source}"


def review_lines(drugs: Iterable[HighAlertDrug], *, review_only: bool = False) -> list[str]:
    """Readable lines for the pharmacist: `▲ name: ceiling; ceiling` or `no ceiling: note`."""
    lines = []
    for drug in drugs:
        if review_only and not drug.wants_review:
            continue
        routes = f" [{', '.join(drug.routes)}]" if drug.routes else ""
        head = f"▲ {drug.name_zh} ({drug.name_en}){routes}"
        if drug.ceilings:
            lines.append(f"{head}: " + "; ".join(_cell(c) for c in drug.ceilings))
        else:
            lines.append(f"{head}: NO CEILING — {drug.dose_note or 'no published limit at hand'}")
    return lines


def markdown_table(drugs: Iterable[HighAlertDrug]) -> str:
    """The table of resources/formulary/README.md: drug, routes, ceilings with sources, review."""
    rows = ["| drug | high-alert routes | ceilings (source) | local review |", "|---|---|---|---|"]
    for drug in drugs:
        ceilings = "<br>".join(_cell(c).replace("|", "/") for c in drug.ceilings)
        note = f"none — {drug.dose_note}" if drug.dose_note else "none"
        rows.append(
            f"| {drug.name_zh} {drug.name_en} (`{drug.code}`) | {', '.join(drug.routes) or 'all'}"
            f" | {ceilings or note.replace('|', '/')} | {'yes' if drug.wants_review else ''} |"
        )
    return "\n".join(rows) + "\n"
