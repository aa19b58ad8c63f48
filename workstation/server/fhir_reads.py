"""What the FHIR API reads for a user on a device: searches, one resource, a patient's
$everything and a note's PDF; the scope is the sync API's (reads.scope_wards) and every answer
is audited (`fhir_search`, `fhir_read`, `fhir_everything`, `fhir_refused`) with its patients."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.sql.elements import ColumnElement

from workstation.clinical.formulary import default_formulary
from workstation.fhir import documents, medications
from workstation.fhir.rest import FHIR_JSON, dump, searchset
from workstation.projections import tables as pt
from workstation.reports.context import make_context
from workstation.reports.notes import progress_notes
from workstation.server import audit, models, refdata
from workstation.server.audit import AuditEntry
from workstation.server.auth import User
from workstation.server.db import reader
from workstation.server.fhir_search import Cursor, Search, SearchError, parse, token
from workstation.server.fhir_sources import EVERYTHING, SOURCES, Source, drug_rows_filter, same_row
from workstation.server.fhir_store import page, staff_names
from workstation.server.reads import in_scope, scope_patient_ids, scope_wards


class Refused(Exception):
    """A read the user may not make (403) or of nothing (404)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _patients(resources: Sequence[Any]) -> list[str]:
    found = set()
    for r in resources:
        ref = getattr(r, "subject", None) or getattr(r, "patient", None)
        if r.get_resource_type() in ("Patient",):
            found.add(r.id)
        elif ref is not None and ref.reference:
            found.add(ref.reference.split("/", 1)[1])
    return sorted(found)


def _next_url(
    base: str, path: str, query: list[tuple[str, Any]], cursor: Cursor | None
) -> str | None:
    if cursor is None:
        return None
    kept = [(k, v) for k, v in query if k != "_cursor"] + [("_cursor", cursor.token())]
    return f"{base}/{path}?{urlencode(kept)}"


class FhirReader:
    """The FHIR reads bound to one database engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._drugs: tuple[int | None, list[Any]] | None = None  # (formulary version, Medications)

    def _audit(
        self, user: User, device: str, action: str, patient: str | None, **detail: Any
    ) -> None:
        audit.record(self.engine, [AuditEntry(action, user.user_id, patient, device, detail)])

    def _scope(self, conn: Connection, user: User, device: str) -> Any:
        wards = scope_wards(conn, user, device)
        if wards is None:
            return lambda _source: None
        readable = scope_patient_ids(user, wards)
        return lambda source: source.patient.in_(readable)

    def search(self, user: User, device: str, resource_type: str, *, base: str, url: str,
               query: list[tuple[str, Any]]) -> Any:  # fmt: skip
        """A page of a search, with the next page's link."""
        search = parse(resource_type, query)
        if resource_type == "Medication":
            found, cursor = self._medications(search)
        else:
            with reader(self.engine) as conn:
                found, cursor = page(conn, SOURCES[resource_type], search,
                                     scope=self._scope(conn, user, device), staff=staff_names(conn))  # fmt: skip
        patients = _patients(found)
        self._audit(user, device, "fhir_search", patients[0] if len(patients) == 1 else None,
                    type=resource_type, query=_shown(query), returned=len(found), patients=patients)  # fmt: skip
        return searchset(found, base=base, self_url=url,
                         next_url=_next_url(base, resource_type, query, cursor))  # fmt: skip

    def _formulary(self) -> list[Any]:
        """Every formulary drug as a Medication, built once per published formulary version."""
        with reader(self.engine) as conn:
            version = conn.execute(select(func.max(models.refdata.c.version)).where(
                models.refdata.c.name == "formulary")).scalar()  # fmt: skip
            if self._drugs is not None and self._drugs[0] == version:
                return self._drugs[1]
            published = refdata.snapshot(conn, "formulary") if version is not None else None
        drugs = (published["content"]["drugs"] if published else
                 [d.entry for d in default_formulary()])  # fmt: skip
        built = sorted((medications.medication(d) for d in drugs), key=lambda m: m.id)
        self._drugs = (published["version"] if published else None, built)
        return built

    def _medications(self, search: Search) -> tuple[list[Any], Cursor | None]:
        found = self._formulary()
        if "code" in search.params:
            code = token(search.params["code"])[1]
            found = [m for m in found if any(c.code == code for c in m.code.coding)]
        if "_id" in search.params:
            found = [m for m in found if m.id in search.params["_id"].split(",")]
        after = search.cursor.after
        found = [m for m in found if after is None or m.id > after]
        more = len(found) > search.count
        found = found[: search.count]
        return found, Cursor(0, found[-1].id, 0) if more else None

    def read(self, user: User, device: str, resource_type: str, resource_id: str) -> Any:
        """One resource by id; Refused 404 when there is none, 403 when out of scope."""
        if resource_type == "Medication":
            found, _ = self._medications(Search(params={"_id": resource_id}))
            if not found:
                raise Refused(404, f"no Medication {resource_id}")
            self._audit(user, device, "fhir_read", None, type=resource_type, id=resource_id)
            return found[0]
        with reader(self.engine) as conn:
            for source in SOURCES[resource_type]:
                patient = conn.execute(
                    select(source.patient).where(same_row(source, resource_id), *source.where)
                ).scalar()  # fmt: skip
                if patient is None:
                    continue
                self._check_scope(conn, user, device, patient, resource_type, resource_id)
                found = self._one(conn, source, resource_id)
                if found is not None:
                    self._audit(user, device, "fhir_read", patient, type=resource_type,
                                id=resource_id)  # fmt: skip
                    return found
        self._audit(user, device, "fhir_refused", None, reason="not_found", type=resource_type,
                    id=resource_id)  # fmt: skip
        raise Refused(404, f"no {resource_type} {resource_id}")

    def _check_scope(self, conn: Connection, user: User, device: str, patient: str,
                     resource_type: str, resource_id: str) -> None:  # fmt: skip
        if not in_scope(conn, user, device, [patient]):
            self._audit(user, device, "fhir_refused", patient, reason="out_of_scope",
                        type=resource_type, id=resource_id)  # fmt: skip
            raise Refused(403, "this patient is on another ward; use break-the-glass")

    def _one(self, conn: Connection, source: Source, resource_id: str) -> Any:
        search = Search(count=20)
        only: ColumnElement[bool] = same_row(source, resource_id)
        found, _ = page(conn, [source], search, scope=lambda _s: only, staff=staff_names(conn))
        return next((r for r in found if r.id == resource_id), None)

    def everything(self, user: User, device: str, patient_id: str, *, base: str, url: str,
                   query: list[tuple[str, Any]]) -> Any:  # fmt: skip
        """A page of the patient's record: every resource of theirs, then the Medications their
        orders name (as includes, on the first page)."""
        search = parse("$everything", _everything_query(query))
        search.params["patient"] = patient_id
        with reader(self.engine) as conn:
            exists = conn.execute(select(pt.patients.c.patient_id).where(
                pt.patients.c.patient_id == patient_id)).scalar()  # fmt: skip
            if exists is None:
                self._audit(user, device, "fhir_refused", None, reason="not_found",
                            type="Patient", id=patient_id)  # fmt: skip
                raise Refused(404, f"no Patient {patient_id}")
            self._check_scope(conn, user, device, patient_id, "Patient", patient_id)
            found, cursor = page(conn, EVERYTHING, search, scope=lambda _s: None,
                                 staff=staff_names(conn))  # fmt: skip
            first = search.cursor == Cursor()
            codes = set(conn.execute(drug_rows_filter(patient_id)).scalars()) if first else set()
        included = [m for m in self._formulary() if medications.drug_code(m.id) in codes]
        self._audit(user, device, "fhir_everything", patient_id, returned=len(found),
                    query=_shown(query))  # fmt: skip
        return searchset(found, base=base, self_url=url, included=included,
                         next_url=_next_url(base, f"Patient/{patient_id}/$everything", query, cursor))  # fmt: skip

    def note_pdf(
        self, user: User, device: str, note_id: str, *, as_json: bool
    ) -> tuple[bytes, str]:
        """The printed note (application/pdf, or a Binary resource in FHIR JSON)."""
        with reader(self.engine) as conn:
            note = conn.execute(select(pt.notes).where(pt.notes.c.note_id == note_id,
                                                       pt.notes.c.voided.is_(False))).mappings().first()  # fmt: skip
            if note is None:
                raise Refused(404, f"no Binary {note_id}")
            self._check_scope(conn, user, device, note["patient_id"], "Binary", note_id)
            patient = conn.execute(select(pt.patients).where(
                pt.patients.c.patient_id == note["patient_id"])).mappings().one()  # fmt: skip
            addenda = conn.execute(select(pt.note_addenda).where(
                pt.note_addenda.c.note_id == note_id)).mappings().all()  # fmt: skip
            ctx = make_context(conn, lang="zh_CN", printed_by=user.display_name)
        chart = {
            "notes": [dict(note)],
            "addenda": [dict(a) for a in addenda],
            "patient": dict(patient),
        }
        pdf = progress_notes(ctx, chart)
        self._audit(user, device, "fhir_read", note["patient_id"], type="Binary", id=note_id,
                    format="json" if as_json else "pdf")  # fmt: skip
        if as_json:
            return dump(documents.pdf_binary(note_id, pdf)), FHIR_JSON
        return pdf, documents.PDF


def _everything_query(query: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    """$everything takes _count, _since (as _lastUpdated ge) and the paging cursor."""
    items = []
    for name, value in query:
        if name == "_since":
            items.append(("_lastUpdated", f"ge{value}"))
        elif name in ("_count", "_cursor", "_format"):
            items.append((name, value))
        else:
            raise SearchError(f"$everything takes _count and _since, not {name!r}")
    return items


def _shown(query: list[tuple[str, Any]]) -> str:
    return urlencode(query)[:500]
