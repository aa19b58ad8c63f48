"""First run: the demo users' roles and wards beside their passwords, and the census search that
finds a patient by bed number ("05", "5", "12床")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Connection, Engine, create_engine

from tests.unit.test_projector import P1, P2, P3, ev
from workstation.events import Event
from workstation.projections import queries
from workstation.projections.projector import apply_events
from workstation.projections.tables import metadata
from workstation.server import refdata
from workstation.server.auth import add_user
from workstation.server.db import writer
from workstation.server.demo_roster import DemoUser, demo_roster


@pytest.fixture
def conn() -> Iterator[Connection]:
    """A fresh in-memory projection database inside one transaction."""
    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    with engine.begin() as connection:
        yield connection
    engine.dispose()


def in_bed(patient_id: str, bed: str, record_number: str, name: str = "张三") -> Event:
    """A PatientAdmitted event to a given bed."""
    return ev("PatientAdmitted", {
        "record_number": record_number, "name": name, "sex": "female", "birth_date": "1950-05-17",
        "ward_id": "W1", "bed": bed, "admitted_at": "2024-03-01T09:00:00.000Z",
    }, patient_id)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "meant"),
    [("05", "05"), ("5", "05"), (" 5床 ", "05"), ("12床", "12"), ("床12", "12"), ("Bed 5", "05"),
     ("005", "05")],
)  # fmt: skip
def test_a_bed_number_is_found_however_it_is_typed(
    conn: Connection, query: str, meant: str
) -> None:
    apply_events(conn, [in_bed(P1, "05", "0012", "王五"), in_bed(P2, "12", "0005", "赵六"),
                        in_bed(P3, "15", "2026015")])  # fmt: skip
    found = [p["bed"] for p in queries.find_patients(conn, query)]
    assert found[0] == meant, found  # the bed asked for first, before a record number like it


def test_words_and_long_numbers_are_not_beds() -> None:
    assert queries.bed_labels("zs") == ()
    assert queries.bed_labels("2026015") == ()  # a record number, not a bed
    assert queries.bed_labels("５") == ()  # full-width digits are not read as a bed
    assert set(queries.bed_labels("5")) == {"5", "05", "005"}


def test_a_discharged_patient_is_not_found_by_the_bed_they_left(conn: Connection) -> None:
    apply_events(conn, [in_bed(P1, "07", "MRN-1")])
    apply_events(conn, [ev("PatientDischarged", {"discharged_at": "2024-03-02T09:00:00.000Z",
                                                 "base_version": 0}, P1)])  # fmt: skip
    assert queries.find_patients(conn, "7") == []


def test_the_demo_roster_names_role_and_wards_in_both_languages(server_engine: Engine) -> None:
    with writer(server_engine) as c:
        refdata.add_ward(c, ward_id="CARD", name_en="Cardiology", name_zh="心内科", beds=["01"])
        refdata.add_ward(c, ward_id="RESP", name_en="Respiratory", name_zh="呼吸内科", beds=["01"])
        for username, role, wards in (("admin.x", "admin", []), ("n1", "nurse", ["CARD"]),
                                      ("d1", "physician", ["CARD", "RESP"]),
                                      ("nopassword", "nurse", ["CARD"])):  # fmt: skip
            add_user(c, username=username, password="password-" + username, display_name=username.upper(),
                     role=role, wards=wards)  # fmt: skip
    passwords = {"admin.x": "A", "n1": "B", "d1": "C"}
    roster = demo_roster(server_engine, passwords)
    assert (
        roster
        == [  # clinicians first, the back office last; a user without a password is left out
            DemoUser(
                "d1", "C", "D1", "physician", ("Cardiology", "Respiratory"), ("心内科", "呼吸内科")
            ),
            DemoUser("n1", "B", "N1", "nurse", ("Cardiology",), ("心内科",)),
            DemoUser("admin.x", "A", "ADMIN.X", "admin", (), ()),
        ]
    )
