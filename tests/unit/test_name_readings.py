"""Polyphonic names: every reading, the surname's own reading first; drug names keep the
ordinary reading; an older replica's patients get the readings when it is opened."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, insert, select

from offline_cache.replica import backfill_name_readings
from workstation.domain.names import (
    initials_readings,
    name_readings,
    person_initials,
    search_initials,
)
from workstation.projections import tables as t


@pytest.mark.parametrize(("name", "initials", "other"), [
    ("曾国藩", "zgf", "cgf"), ("单田芳", "stf", "dtf"), ("仇英", "qy", "cy"), ("区志明", "ozm", "qzm"),
    ("查良镛", "zly", "cly"), ("解缙", "xj", "jj"), ("朴正熙", "pzx", "pzx"), ("盖聂", "gn", "gn"),
    ("乐嘉", "yj", "lj"),
])  # fmt: skip
def test_the_surname_reading_comes_first_and_the_others_follow(
    name: str, initials: str, other: str
) -> None:
    assert person_initials(name) == initials
    readings = initials_readings(name)
    assert readings[0] == initials and other in readings
    assert len(name_readings(name)) <= 16


def test_a_drug_name_keeps_its_ordinary_reading() -> None:
    assert search_initials("单硝酸异山梨酯").startswith("d")


def test_an_older_replica_gets_the_readings_of_its_patients() -> None:
    engine = create_engine("sqlite://")
    t.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t.patients).values(
            patient_id="p1", record_number="R1", temporary_number=False, name="曾国藩",
            name_initials="cgf", name_pinyin="cengguofan", sex="male", birth_date="1950-01-01",
            ward_id="W1", bed="1", status="admitted", admitted_at="2026-01-01", version=0,
        ))  # fmt: skip
        backfill_name_readings(conn)
        row = conn.execute(select(t.patients.c.name_initials, t.patients.c.name_pinyin)).one()
        keys = set(conn.execute(select(t.patient_name_keys.c.name_key)).scalars())
    assert tuple(row) == ("zgf", "zengguofan")
    assert keys == {"cgf", "cengguofan"}
