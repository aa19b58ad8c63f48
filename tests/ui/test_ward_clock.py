"""Screens show times on the ward's clock (the hospital's administration-times zone), the same
as the MAR grid and the printouts, whatever zone the PC itself is left on."""

from __future__ import annotations

import os
import time

import pytest

from ui.terms import local_time, ward_zone
from workstation.clinical.schedule import AdministrationTimes


@pytest.fixture
def pc_on_new_york():
    """The PC's own zone set far from the ward's."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_stored_utc_time_reads_on_the_wards_clock(pc_on_new_york) -> None:
    assert ward_zone() == AdministrationTimes.load().zone
    shift = ward_zone().utcoffset(None)
    assert shift is not None and shift.total_seconds() == 8 * 3600  # shipped setting: +08:00
    assert local_time("2026-11-26T23:05:00.000Z") == "2026-11-27 07:05"
    assert local_time(None) == "" and local_time("not a time") == "not a time"
