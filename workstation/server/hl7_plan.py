"""What an inbound HL7 message becomes on the ward: the events a station would record for the
same facts, worked out against the chart as the server has it now (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, bindparam, select

from workstation.clock import now_iso
from workstation.hl7v2.mapping import Inbound, PatientRef, Result
from workstation.hl7v2.message import TABLE_VALUE_NOT_FOUND, UNKNOWN_KEY, MessageProblem
from workstation.ids import uuid7
from workstation.projections import tables as pt
from workstation.server.models import hl7_patient_ids, hl7_results, wards

ADMITTING = ("A01", "A04")
# Triggers that need the patient to be known already; held until the admission arrives.
NEEDS_PATIENT = ("A02", "A03", "A08", "A11", "A12", "A13", "R01")


@dataclass
class Plan:
    """Events to record (type, patient_id, payload), or the patient the message waits for."""

    events: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    hold_for: PatientRef | None = None
    new_ids: list[tuple[PatientRef, str]] = field(default_factory=list)  # identifiers to file
    results: list[tuple[str, str, int]] = field(default_factory=list)  # (key, patient, index)
    admitted: PatientRef | None = None  # releases the messages held for it
    note: str = ""
    unfiled: set[str] = field(default_factory=set)  # new_ids keys known absent when planned


@dataclass
class _Chart:
    patient_id: str
    status: str
    version: int
    row: dict[str, Any]


# Built once (a message runs them each): no statement construction per message.
_PATIENT_ID = select(hl7_patient_ids.c.patient_id).where(
    hl7_patient_ids.c.authority == bindparam("authority"),
    hl7_patient_ids.c.identifier == bindparam("identifier"),
)
# The identifier and its chart in one read (the chart's columns None when it has none): the
# columns a plan compares with the message, not the whole row.
_CHART_COLUMNS = ("patient_id", "status", "version", "name", "sex", "birth_date", "acuity")
_FILED_CHART = (hl7_patient_ids.c.patient_id.label("filed_id"),
                *(pt.patients.c[name] for name in _CHART_COLUMNS))  # fmt: skip
_IDS_AND_CHARTS = hl7_patient_ids.outerjoin(
    pt.patients, pt.patients.c.patient_id == hl7_patient_ids.c.patient_id
)
_CHART = (
    select(*_FILED_CHART).select_from(_IDS_AND_CHARTS)
    .where(hl7_patient_ids.c.authority == bindparam("authority"),
           hl7_patient_ids.c.identifier == bindparam("identifier"))
)  # fmt: skip
_UNFILED = "unfiled"  # _chart's answer for an identifier not filed at all
# The same for several identifiers at once (both key columns constrained: the primary key's
# index serves it); the rows of other authority and identifier pairs are left out after.
_CHARTS = (
    select(hl7_patient_ids.c.authority, hl7_patient_ids.c.identifier, *_FILED_CHART)
    .select_from(_IDS_AND_CHARTS)
    .where(hl7_patient_ids.c.authority.in_(bindparam("authorities", expanding=True)),
           hl7_patient_ids.c.identifier.in_(bindparam("identifiers", expanding=True)))
)  # fmt: skip

# What _lookup answered for identifiers read ahead, by PatientRef.key: only for a transaction
# that has written nothing for them since (hl7_batch.Group drops it before any write).
Charts = dict[str, "_Chart | str | None"]


def patient_id_of(conn: Connection, ref: PatientRef) -> str | None:
    """The server's patient id for a hospital identifier, if filed."""
    found = conn.execute(_PATIENT_ID, {"authority": ref.authority, "identifier": ref.record_number})
    return found.scalar()


def _lookup(conn: Connection, ref: PatientRef) -> _Chart | str | None:
    """The chart the identifier is filed under; None when filed without a chart, _UNFILED."""
    key = {"authority": ref.authority, "identifier": ref.record_number}
    row = conn.execute(_CHART, key).first()
    return _UNFILED if row is None else _found(row)


def _found(row: Any) -> _Chart | None:
    if row.patient_id is None:
        return None
    fields = {name: row._mapping[name] for name in _CHART_COLUMNS}
    return _Chart(row.patient_id, row.status, row.version, fields)


def read_charts(conn: Connection, refs: list[PatientRef]) -> Charts:
    """_lookup's answer for each of the identifiers, in one read (a batch of messages)."""
    if not refs:
        return {}
    rows = conn.execute(_CHARTS, {"authorities": sorted({r.authority for r in refs}),
                                  "identifiers": sorted({r.record_number for r in refs})})  # fmt: skip
    filed = {f"{row.authority}|{row.identifier}": _found(row) for row in rows}
    return {ref.key: filed.get(ref.key, _UNFILED) for ref in refs}


def _chart(conn: Connection, ref: PatientRef) -> _Chart | None:
    found = _lookup(conn, ref)
    return found if isinstance(found, _Chart) else None


_WARD_IDS = select(wards.c.ward_id)
_EARLIER_RESULT = select(hl7_results.c.event_id).where(
    hl7_results.c.result_key == bindparam("result_key")
)


def known_wards(conn: Connection) -> set[str]:
    """The server's ward ids (a caller applying several messages in one transaction reads them
    once)."""
    return set(conn.execute(_WARD_IDS).scalars())


def plan(conn: Connection, inbound: Inbound, *, facility: str, ward_map: dict[str, str],
         wards_known: set[str] | None = None, charts: Charts | None = None) -> Plan:  # fmt: skip
    """The events for one message; MessageProblem when it cannot apply to this ward's records.
    `wards_known`: the ward ids as read in this transaction (read here when None); `charts`:
    identifiers read ahead (read_charts), still as they are in this transaction."""
    if inbound.visit is not None and inbound.visit.ward_id in ward_map:
        inbound.visit = _remapped(inbound, ward_map)
    if inbound.visit is not None:
        known = known_wards(conn) if wards_known is None else wards_known
        if known and inbound.visit.ward_id not in known:
            raise MessageProblem("PV1-3", f"unknown ward {inbound.visit.ward_id!r}",
                                 TABLE_VALUE_NOT_FOUND)  # fmt: skip
    key = inbound.patient.key
    found = charts[key] if charts and key in charts else _lookup(conn, inbound.patient)
    chart = found if isinstance(found, _Chart) else None
    if inbound.trigger in ADMITTING:
        admitted = _admit(conn, inbound, chart)
        if found == _UNFILED:
            admitted.unfiled = {inbound.patient.key}
        return admitted
    if inbound.trigger == "A40":
        return _merge(conn, inbound, chart)
    if chart is None:
        return Plan(hold_for=inbound.patient, note="held: the patient is not yet known")
    if inbound.trigger == "R01":
        return _results(conn, inbound, chart, facility)
    return _visit_change(conn, inbound, chart)


def _remapped(inbound: Inbound, ward_map: dict[str, str]) -> Any:
    assert inbound.visit is not None
    return replace(inbound.visit, ward_id=ward_map[inbound.visit.ward_id])


def _admit(conn: Connection, inbound: Inbound, chart: _Chart | None) -> Plan:
    if chart is not None:
        if inbound.trigger == "A04":
            return _visit_change(conn, inbound, chart)
        raise MessageProblem("PID-3", f"patient {inbound.patient.record_number} is already "
                             f"{chart.status} on this server", UNKNOWN_KEY)  # fmt: skip
    visit = inbound.visit
    if visit is None:
        if inbound.trigger == "A04":
            return Plan(note="registered; no ward in PV1-3, nothing to record on the ward")
        raise MessageProblem("PV1-3", "an admission needs the ward and bed", "101")
    for name, value in (
        ("PID-5", inbound.name),
        ("PID-8", inbound.sex),
        ("PID-7", inbound.birth_date),
    ):
        if not value:
            raise MessageProblem(name, "required for an admission", "101")
    patient_id = uuid7()
    payload = {
        "record_number": inbound.patient.record_number, "name": inbound.name, "sex": inbound.sex,
        "birth_date": inbound.birth_date, "ward_id": visit.ward_id, "bed": visit.bed,
        "admitted_at": visit.admitted_at or inbound.event_at or _now(),
        **({"acuity": visit.acuity} if visit.acuity else {}),
        **({"attending_id": visit.attending_id} if visit.attending_id else {}),
        **({"diagnosis": inbound.diagnoses[0]["description"]} if inbound.diagnoses else {}),
    }  # fmt: skip
    result = Plan(events=[("PatientAdmitted", patient_id, payload)], admitted=inbound.patient,
                  new_ids=[(inbound.patient, patient_id)])  # fmt: skip
    result.events += [("AllergyRecorded", patient_id, a) for a in inbound.allergies]
    result.events += [("ProblemRecorded", patient_id, d) for d in inbound.diagnoses]
    return result


def _now() -> str:
    return now_iso()


def _visit_change(conn: Connection, inbound: Inbound, chart: _Chart) -> Plan:
    result = Plan()
    version = chart.version
    trigger, visit, row = inbound.trigger, inbound.visit, chart.row

    def add(event_type: str, payload: dict[str, Any]) -> None:
        nonlocal version
        result.events.append((event_type, chart.patient_id, payload | {"base_version": version}))
        version += 1

    if trigger in ("A02", "A12"):
        if visit is None:
            raise MessageProblem("PV1-3", "a transfer needs the new ward and bed", "101")
        reason = "transfer cancelled by the HIS (A12)" if trigger == "A12" else "transfer (HIS)"
        add("PatientTransferred", {"ward_id": visit.ward_id, "bed": visit.bed, "reason": reason})
    elif trigger in ("A03", "A11"):
        if chart.status == "discharged":
            return Plan(note="already discharged")
        disposition = "admission cancelled by the HIS (A11)" if trigger == "A11" else None
        add("PatientDischarged", {"discharged_at": inbound.event_at or _now(),
                                  **({"disposition": disposition} if disposition else {})})  # fmt: skip
    elif trigger == "A13":
        if chart.status != "discharged":
            return Plan(note="not discharged: nothing to cancel")
        add("DischargeCancelled", {"reason": "discharge cancelled by the HIS (A13)"})
    changes = {k: v for k, v in (("name", inbound.name), ("sex", inbound.sex),
               ("birth_date", inbound.birth_date)) if v and v != row.get(k)}  # fmt: skip
    if visit is not None and visit.acuity and visit.acuity != row.get("acuity"):
        changes["acuity"] = visit.acuity
    if changes and trigger in ("A08", "A04", "A01", "A02", "A13"):
        add("DemographicsUpdated", changes)
    result.events += _new_allergies_and_problems(conn, inbound, chart)
    return result


def _new_allergies_and_problems(
    conn: Connection, inbound: Inbound, chart: _Chart
) -> list[tuple[str, str, dict[str, Any]]]:
    """AL1 and DG1 not yet on the chart (an A08 repeats the whole list)."""
    a, p = pt.allergies.c, pt.problems.c
    substances = set(conn.execute(
        select(a.substance).where(a.patient_id == chart.patient_id, a.voided.is_(False))
    ).scalars())  # fmt: skip
    problems: set[str] = set()
    for row in conn.execute(
        select(p.icd10, p.description).where(p.patient_id == chart.patient_id, p.voided.is_(False))
    ):
        problems.update(v for v in (row.icd10, row.description) if v)
    found = [("AllergyRecorded", chart.patient_id, a) for a in inbound.allergies
             if a["substance"] not in substances]  # fmt: skip
    found += [("ProblemRecorded", chart.patient_id, d) for d in inbound.diagnoses
              if (d["icd10"] or d["description"]) not in problems]  # fmt: skip
    return found


def _merge(conn: Connection, inbound: Inbound, survivor: _Chart | None) -> Plan:
    assert inbound.prior is not None
    prior = _chart(conn, inbound.prior)
    if prior is None:
        return Plan(hold_for=inbound.prior, note="held: the record to merge is not yet known")
    if survivor is None:  # the prior record lives on under the surviving identifier
        return Plan(new_ids=[(inbound.patient, prior.patient_id)], note="identifier merged")
    if survivor.patient_id == prior.patient_id:
        return Plan(note="already merged")
    result = Plan(new_ids=[(inbound.prior, survivor.patient_id)], note="records merged")
    if prior.status == "admitted":
        result.events.append(("PatientDischarged", prior.patient_id, {
            "discharged_at": inbound.event_at or _now(), "base_version": prior.version,
            "disposition": f"merged into record {inbound.patient.record_number} (A40)",
        }))  # fmt: skip
    return result


def _results(conn: Connection, inbound: Inbound, chart: _Chart, facility: str) -> Plan:
    result = Plan()
    for index, item in enumerate(inbound.results):
        key = f"{facility}|{item.filler_order_number}|{item.test_code}"[:200]
        payload = _lab_payload(item)
        if item.status == "corrected":
            earlier = conn.execute(_EARLIER_RESULT, {"result_key": key}).scalar()
            if earlier is not None:
                payload["supersedes_result_id"] = earlier
        result.events.append(("LabResulted", chart.patient_id, payload))
        result.results.append((key, chart.patient_id, index))
    return result


def _lab_payload(item: Result) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "test_code": item.test_code, "test_name": item.test_name, "value": item.value,
        "resulted_at": item.resulted_at, "result_status": item.status,
        "numeric_value": item.numeric_value, "unit": item.unit,
        "reference_low": item.reference_low, "reference_high": item.reference_high,
        "flag": item.flag, "filler_order_number": item.filler_order_number or None,
    }  # fmt: skip
    return {k: v for k, v in payload.items() if v is not None}
