"""The controlled drugs' register (专册登记) and the empty-ampoule rule, over the projection tables.

麻醉药品和精神药品管理条例 (2005) Art. 41: a hospital keeps a special register of its 麻醉药品 and
精神药品 prescriptions; 医疗机构麻醉药品、第一类精神药品管理规定 (2005): a ward and the pharmacy list
every movement (received, dispensed, given, empty ampoule back, remainder destroyed with a witness),
and the pharmacy dispenses a patient's next 麻/精一 injection or patch only against the empty
ampoule or used patch of the previous one (its wording: 患者使用麻醉药品、第一类精神药品注射剂或者贴剂的，
再次调配时，应当要求患者将原批号的空安瓿或者用过的贴剂交回，并记录收回的空安瓿或者废贴数量; and the wards and
theatres 应收回空安瓿，核对批号和数量，并作记录).

The station refuses such a dispense (`refuse_without_empties`); one made all the same (on a
station offline, or before another station's return synced) is a fact the server keeps, so the
register flags it (`EMPTIES_MISSING` on its line) and `outstanding_returns` lists, per patient and
drug, the units still out, for the pharmacist to chase.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, func, select

from workstation.clinical.controlled import controlled_class, injectable_or_patch, is_strict
from workstation.clinical.formulary import Drug, Formulary
from workstation.clinical.stock import StockRefused
from workstation.projections import controlled_tables as ct
from workstation.projections import tables as t

KINDS = ("receipt", "dispense", "adjustment", "given", "empty_returned", "destroyed")
KIND_WORDS = {
    "receipt": ("received", "入库"), "dispense": ("dispensed", "发药"),
    "adjustment": ("adjusted", "盘点调整"), "given": ("given", "使用"),
    "empty_returned": ("empty ampoule back", "空安瓿/废贴回收"), "destroyed": ("destroyed", "残余销毁"),
}  # fmt: skip


EMPTIES_MISSING = "empties_missing"  # a dispense made while the previous empties were still out
FLAG_WORDS = {EMPTIES_MISSING: ("dispensed before the previous empties came back",
                                "前次空安瓿/废贴未交回即发药")}  # fmt: skip


class EmptiesMissing(StockRefused):
    """A further dispense of a 麻/精一 injection or patch while the previous empties are out."""


@dataclass(frozen=True, slots=True)
class RegisterLine:
    """One movement of a controlled drug."""

    at: str
    kind: str
    drug_code: str
    quantity: float
    unit: str
    lot: str | None
    patient_id: str | None
    by: str
    witness: str | None = None
    location_id: str | None = None
    flag: str | None = None  # EMPTIES_MISSING on a dispense made with empties still out
    movement_id: str | None = None


@dataclass(frozen=True, slots=True)
class OutstandingReturn:
    """A patient's 麻/精一 injection or patch units dispensed and not yet back (empty or unused)."""

    patient_id: str
    drug_code: str
    outstanding: float
    unit: str
    last_dispensed_at: str
    flagged: tuple[str, ...] = ()  # the dispenses (movement ids) made with empties still out


def controlled_codes(formulary: Formulary) -> dict[str, str]:
    """Drug code -> controlled class, for every controlled drug of the formulary."""
    return {d.code: c for d in formulary if (c := controlled_class(d.entry)) is not None}


def needs_empties(drug: Drug) -> bool:
    """A 麻/精一 drug held as injection or patch: its empties come back before the next dispense."""
    return is_strict(drug.entry) and any(
        injectable_or_patch({"form_en": f.form_en, "form_zh": f.form_zh}) for f in drug.forms
    )


def empties_outstanding(conn: Connection, patient_id: str, drug_code: str) -> float:
    """Units dispensed for the patient and not yet given back as empty ampoules or patches."""
    s, m = t.stock_movements.c, ct.controlled_movements.c
    dispensed = conn.execute(
        select(func.coalesce(func.sum(-s.quantity_delta), 0.0)).where(
            s.patient_id == patient_id, s.drug_code == drug_code,
            s.movement_kind == "dispense", s.voided.is_(False))
    ).scalar_one()  # fmt: skip
    returned = conn.execute(
        select(func.coalesce(func.sum(m.quantity), 0.0)).where(
            m.patient_id == patient_id, m.drug_code == drug_code,
            m.movement_kind == "empty_returned", m.voided.is_(False))
    ).scalar_one()  # fmt: skip
    return max(float(dispensed) - float(returned), 0.0)


def _empties_moves(conn: Connection, codes: list[str], patients: Any) -> list[Any]:
    """Dispenses (out), empty returns and unused units back (in) of these drugs, by patient."""
    s, m = t.stock_movements.c, ct.controlled_movements.c
    stock = select(s.movement_id, s.patient_id, s.drug_code, s.recorded_at, s.unit,
                   (-s.quantity_delta).label("out")).where(
        s.drug_code.in_(codes), s.patient_id.is_not(None), s.voided.is_(False),
        (s.movement_kind == "dispense") | (s.quantity_delta > 0))  # fmt: skip
    back = select(m.movement_id, m.patient_id, m.drug_code, m.recorded_at, m.unit,
                  (-m.quantity).label("out")).where(
        m.drug_code.in_(codes), m.movement_kind == "empty_returned", m.voided.is_(False))  # fmt: skip
    if patients is not None:
        stock, back = (
            stock.where(s.patient_id.in_(patients)),
            back.where(m.patient_id.in_(patients)),
        )
    rows = [*conn.execute(stock), *conn.execute(back)]
    return sorted(
        rows, key=lambda r: (r.patient_id, r.drug_code, r.recorded_at, r.out > 0)
    )  # a return first


def outstanding_returns(conn: Connection, formulary: Formulary, *,
                        ward_id: str | None = None) -> list[OutstandingReturn]:  # fmt: skip
    """Per patient and 麻/精一 injection or patch: units dispensed and not back yet (all patients,
    or a ward's), with the dispenses made while earlier empties were out."""
    return [r for r in _ledgers(conn, formulary, ward_id) if r.outstanding > 0]


def _ledgers(
    conn: Connection, formulary: Formulary, ward_id: str | None
) -> list[OutstandingReturn]:
    """Every patient and drug's walk through its dispenses and returns, oldest first."""
    codes = [d.code for d in formulary if needs_empties(d)]
    found: list[OutstandingReturn] = []
    for row in _empties_moves(conn, codes, _ward_patients(ward_id)):
        if not found or (found[-1].patient_id, found[-1].drug_code) != (
            row.patient_id,
            row.drug_code,
        ):
            found.append(OutstandingReturn(row.patient_id, row.drug_code, 0.0, row.unit or "", ""))
        was = found[-1]
        if row.out > 0:  # a dispense: flagged when earlier units are still out
            flag = (row.movement_id,) if was.outstanding > 0 else ()
            found[-1] = replace(was, outstanding=was.outstanding + row.out,
                                last_dispensed_at=row.recorded_at, flagged=was.flagged + flag)  # fmt: skip
        else:  # an empty ampoule or patch, or an unused unit, back
            found[-1] = replace(was, outstanding=max(was.outstanding + row.out, 0.0))
    return found


def _ward_patients(ward_id: str | None) -> Any:
    if ward_id is None:
        return None
    p = t.patients.c
    return select(p.patient_id).where(p.ward_id == ward_id).scalar_subquery()


def refuse_without_empties(conn: Connection, *, patient_id: str, drug: Drug) -> None:
    """EmptiesMissing when the previous dispense's empties of this 麻/精一 injection or patch
    are not back yet (医疗机构麻醉药品、第一类精神药品管理规定: 空安瓿、废贴回收)."""
    if not needs_empties(drug):
        return
    out = empties_outstanding(conn, patient_id, drug.code)
    if out > 0:
        raise EmptiesMissing(
            f"{drug.code}: {out:g} empty ampoule(s) or used patch(es) of the previous dispense "
            "must come back first; record their return (空安瓿/废贴未交回，不得再次调配)"
        )


def register(conn: Connection, formulary: Formulary, *, ward_id: str | None = None,
             location_id: str | None = None, since: str | None = None) -> list[RegisterLine]:  # fmt: skip
    """Every movement of a controlled drug, oldest first: a ward's (its patients' dispenses, doses,
    returns and destructions) or a pharmacy location's (receipts, dispenses, adjustments)."""
    codes = list(controlled_codes(formulary))
    patients = _ward_patients(ward_id)
    lines = [*_stock_lines(conn, codes, patients, location_id)]
    if location_id is None:
        lines += [*_given_lines(conn, codes, patients), *_own_lines(conn, codes, patients)]
    flagged = {m for r in _ledgers(conn, formulary, ward_id) for m in r.flagged}
    lines = [replace(line, flag=EMPTIES_MISSING) if line.movement_id in flagged else line
             for line in lines]  # fmt: skip
    found = [line for line in lines if since is None or line.at >= since]
    return sorted(found, key=lambda line: (line.at, KINDS.index(line.kind)))


def _stock_lines(conn: Connection, codes: list[str], patients: Any,
                 location_id: str | None) -> Iterable[RegisterLine]:  # fmt: skip
    s = t.stock_movements.c
    query = select(t.stock_movements).where(s.drug_code.in_(codes), s.voided.is_(False))
    if patients is not None:
        query = query.where(s.patient_id.in_(patients))
    if location_id is not None:
        query = query.where(s.location_id == location_id)
    for r in conn.execute(query):
        yield RegisterLine(r.recorded_at, r.movement_kind, r.drug_code, abs(r.quantity_delta),
                           r.unit or "", r.lot, r.patient_id, r.recorded_by, None, r.location_id,
                           movement_id=r.movement_id)  # fmt: skip


def _given_lines(conn: Connection, codes: list[str], patients: Any) -> Iterable[RegisterLine]:
    a, o = t.administrations.c, t.orders.c
    query = (
        select(t.administrations, o.drug_code)
        .join(t.orders, o.order_id == a.order_id)
        .where(o.drug_code.in_(codes), a.outcome == "given", a.voided.is_(False))
    )
    if patients is not None:
        query = query.where(a.patient_id.in_(patients))
    for r in conn.execute(query):
        yield RegisterLine(r.administered_at, "given", r.drug_code, r.dose_value or 0.0,
                           r.dose_unit or "", None, r.patient_id, r.recorded_by, r.witness_id)  # fmt: skip


def _own_lines(conn: Connection, codes: list[str], patients: Any) -> Iterable[RegisterLine]:
    m = ct.controlled_movements.c
    query = select(ct.controlled_movements).where(m.drug_code.in_(codes), m.voided.is_(False))
    if patients is not None:
        query = query.where(m.patient_id.in_(patients))
    for r in conn.execute(query):
        yield RegisterLine(r.recorded_at, r.movement_kind, r.drug_code, r.quantity, r.unit,
                           r.lot, r.patient_id, r.recorded_by, r.witness_id)  # fmt: skip


def register_text(lines: list[RegisterLine], formulary: Formulary, *, lang: str = "zh",
                  names: dict[str, str] | None = None,
                  outstanding: list[OutstandingReturn] | None = None) -> str:  # fmt: skip
    """The register as plain text, one movement a line, a flagged dispense marked ⚠; then the
    empties still out (`outstanding`), one patient and drug a line (the CLI prints it)."""
    names = names or {}
    zh = lang == "zh"
    head = "麻醉药品和精神药品专册登记" if zh else "Controlled drugs register (专册登记)"
    out = [head]
    for line in lines:
        word = KIND_WORDS[line.kind][1 if zh else 0]
        who = names.get(line.by, line.by)
        witness = f" / {names.get(line.witness, line.witness)}" if line.witness else ""
        flag = f"  ⚠ {FLAG_WORDS[line.flag][1 if zh else 0]}" if line.flag else ""
        out.append(f"{line.at[:16]}  {word:<10} {_name(formulary, line.drug_code, zh)} "
                   f"{line.quantity:g} {line.unit}"
                   f"  {('批号 ' if zh else 'lot ') + line.lot if line.lot else ''}"
                   f"  {line.patient_id or line.location_id or ''}  {who}{witness}{flag}")  # fmt: skip
    if outstanding:
        out.append(
            "空安瓿/废贴未交回" if zh else "Empty ampoules or patches not back (空安瓿/废贴未交回)"
        )
        out += [f"  {r.patient_id}  {_name(formulary, r.drug_code, zh)} {r.outstanding:g} {r.unit}"
                f"  {'末次发药' if zh else 'last dispensed'} {r.last_dispensed_at[:16]}"
                + (f"  ⚠ {len(r.flagged)}" if r.flagged else "") for r in outstanding]  # fmt: skip
    return "\n".join(out)


def _name(formulary: Formulary, code: str, zh: bool) -> str:
    drug = formulary.by_code(code)
    return (drug.name_zh if zh else drug.name_en) if drug else code
