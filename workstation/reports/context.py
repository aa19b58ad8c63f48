"""What every document needs besides its data: language, who prints and when, the hospital,
the round times, and the directory that turns user and ward ids into names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Connection, select, text

from workstation.clinical.formulary import Formulary, default_formulary
from workstation.clinical.high_alert import HighAlertRoutes, high_alert_routes, marked_name
from workstation.clinical.schedule import AdministrationTimes
from workstation.clinical.stock import PHARMACY_STORE
from workstation.clock import parse_iso, utc_now
from workstation.projections import nursing_queries
from workstation.projections import tables as t
from workstation.reports.text import LANGUAGES, translate
from workstation.resources import resource

HOSPITAL_FILE = ("settings", "hospital.json")


class PatientNotFound(LookupError):
    """No patient with that record number in the database."""


@dataclass(frozen=True, slots=True)
class Hospital:
    """The name (in both languages) and optional logo printed at the top of every page, and the
    hospital's choices for its forms: which wards write 急诊 prescriptions (急诊留观), below which
    age a patient's prescription is 儿科, and whether the 体温单 draws respiration as a curve."""

    name_zh: str
    name_en: str
    logo: Path | None = None
    emergency_wards: frozenset[str] = frozenset()
    paediatric_under: int = 14
    respiration_curve: bool = False

    @classmethod
    def load(cls, path: Path | None = None) -> Hospital:
        """Read the hospital settings file (default: the shipped one)."""
        raw = json.loads((path or resource(*HOSPITAL_FILE)).read_text(encoding="utf-8"))
        logo = resource(raw["logo"]) if raw.get("logo") else None
        return cls(
            raw["name_zh"], raw["name_en"], logo if logo and logo.is_file() else None,
            emergency_wards=frozenset(raw.get("emergency_wards") or ()),
            paediatric_under=int(raw.get("paediatric_under", 14)),
            respiration_curve=bool(raw.get("respiration_curve", False)),
        )  # fmt: skip


@dataclass(frozen=True)
class PrintContext:
    """Language, printer, time of printing and the lookups shared by every document."""

    lang: str
    printed_by: str
    printed_at: datetime
    hospital: Hospital
    times: AdministrationTimes
    users: dict[str, str] = field(default_factory=dict)
    wards: dict[str, dict[str, Any]] = field(default_factory=dict)
    drugs: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (English, Chinese)
    high_alert: HighAlertRoutes = field(default_factory=dict)  # ▲ beside these drugs' names

    def t(self, key: str, **values: object) -> str:
        """A label in this document's language."""
        return translate(self.lang, key, **values)

    @property
    def zh(self) -> bool:
        """True when printing in Chinese."""
        return self.lang == "zh_CN"

    @property
    def hospital_name(self) -> str:
        """The hospital's name in this language."""
        return self.hospital.name_zh if self.zh else self.hospital.name_en

    def when(self, moment: str | datetime | None, *, clock_only: bool = False) -> str:
        """A stored UTC time as ward local time ('YYYY-MM-DD HH:MM'); blank for None."""
        if moment is None:
            return ""
        value = parse_iso(moment) if isinstance(moment, str) else moment
        local = value.astimezone(self.times.zone)
        return local.strftime("%H:%M" if clock_only else "%Y-%m-%d %H:%M")

    def local_date(self, moment: str | datetime) -> date:
        """The ward calendar date of a stored time."""
        value = parse_iso(moment) if isinstance(moment, str) else moment
        return self.times.local_date(value)

    def user(self, user_id: str | None) -> str:
        """A user's display name (the id itself when the directory does not know it)."""
        return self.users.get(user_id or "", user_id or "")

    def drug_name(self, order: Mapping[str, Any]) -> str:
        """The formulary's name of an order's drug in this language (by `drug_code`), else the
        name recorded with the order (a drug since removed from the formulary)."""
        names = self.drugs.get(str(order.get("drug_code") or ""))
        if names is None:
            return str(order.get("drug_name") or order.get("drug_code") or "")
        return marked_name(self.high_alert, names[1] if self.zh else names[0], order)

    def ward_name(self, ward_id: str) -> str:
        """A ward's name in this language."""
        ward = self.wards.get(ward_id)
        if ward is None:
            return ward_id
        return str(ward["name_zh"] if self.zh else ward["name_en"])

    def location_name(self, location_id: str) -> str:
        """A stock location by its name: the pharmacy store, or a ward (never PHARM or CARD)."""
        return (
            self.t("pharmacy_store")
            if location_id == PHARMACY_STORE
            else self.ward_name(location_id)
        )


def _snapshot(conn: Connection, name: str) -> Any:
    row = conn.execute(
        text("SELECT content FROM refdata WHERE name = :name ORDER BY version DESC LIMIT 1"),
        {"name": name},
    ).first()
    return orjson.loads(row[0]) if row is not None else []


def formulary_names(conn: Connection) -> dict[str, tuple[str, str]]:
    """Drug code -> (English, Chinese) name from the formulary published in this database (the
    shipped one when it has none): what the server's own printing uses."""
    published = _snapshot(conn, "formulary")
    if isinstance(published, Mapping) and published.get("drugs"):
        return {d["code"]: (d["name_en"], d["name_zh"]) for d in published["drugs"]}
    return _names(default_formulary())


def _names(formulary: Formulary) -> dict[str, tuple[str, str]]:
    return {d.code: (d.name_en, d.name_zh) for d in formulary}


def formulary_high_alert(conn: Connection) -> HighAlertRoutes:
    """The high-alert drugs of the formulary published in this database (else the shipped one)."""
    published = _snapshot(conn, "formulary")
    if isinstance(published, Mapping) and published.get("drugs"):
        return high_alert_routes(published["drugs"])
    return high_alert_routes(d.entry for d in default_formulary())


def make_context(
    conn: Connection,
    *,
    lang: str,
    printed_by: str,
    printed_at: datetime | None = None,
    hospital: Hospital | None = None,
    times: AdministrationTimes | None = None,
    formulary: Formulary | None = None,
) -> PrintContext:
    """A print context with the user and ward directory read from the reference data; drug
    names from `formulary` (a station passes the one in force) or else formulary_names."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use {' or '.join(LANGUAGES)}")
    users = {u["user_id"]: u["display_name"] for u in _snapshot(conn, "users")}
    wards = {w["ward_id"]: w for w in _snapshot(conn, "wards")}
    return PrintContext(
        lang=lang, printed_by=printed_by, printed_at=printed_at or utc_now(),
        hospital=hospital or Hospital.load(), times=times or AdministrationTimes.load(),
        users=users, wards=wards, drugs=_names(formulary) if formulary else formulary_names(conn),
        high_alert=high_alert_routes(d.entry for d in formulary)
        if formulary else formulary_high_alert(conn),
    )  # fmt: skip


def patient_by_record_number(conn: Connection, record_number: str) -> dict[str, Any]:
    """The chart of the patient with this record number, with the nurse's sections (the
    temperature chart and the handoff print intake and output); PatientNotFound otherwise."""
    row = conn.execute(
        select(t.patients.c.patient_id).where(t.patients.c.record_number == record_number)
    ).first()
    if row is None:
        raise PatientNotFound(f"no patient with record number {record_number}")
    return nursing_queries.nursing_chart(conn, row.patient_id)


def age_years(birth_date: str, on: date) -> int:
    """Completed years of age on a date."""
    born = date.fromisoformat(birth_date)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def live(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows not voided."""
    return [r for r in rows if not r.get("voided")]
