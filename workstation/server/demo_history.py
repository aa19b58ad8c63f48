"""The demo's weeks of past stays: admissions, transfers between the demo wards and discharges
before today's patients, so the managers' dashboards (patient flow, quality, staffing) show
weeks of a ward's life. Each stay is a `Stay` (demo_history_types) written as PatientAdmitted,
PatientTransferred and PatientDischarged events, then handed to every STAY_EVENT_MAKERS maker.

The shapes below are a demo's, not clinical facts: admissions peak in the late morning on
weekdays and are fewer at weekends, discharges fall late in the morning after the ward round and
are mostly put off to Monday when due at a weekend, stays last about five days (log-normal), and
about one stay in twelve moves to the other ward. A stay needs a free bed for its whole time on
a ward (today's patients hold theirs), so the census stays under the beds; every past stay has
ended before now."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from workstation.clock import iso, parse_iso
from workstation.ids import uuid7
from workstation.server.auth import User
from workstation.server.demo_events import DemoLog, local_day, local_time
from workstation.server.demo_history_types import STAY_EVENT_MAKERS, Stay, StayEventMaker

HISTORY_WEEKS = 12
WARM_UP_DAYS = 14  # stays begin this much earlier, so the first week's census is not a ramp
DEMO_WARD_BEDS = 16  # the admission rates below are for a ward of this size; others scale
# Mean admissions per ward by weekday (Monday first), and weights of the hour of admission and
# of discharge on the ward clock.
ADMISSIONS_BY_WEEKDAY = (3.1, 2.9, 2.8, 2.8, 2.7, 1.4, 1.2)
ADMISSION_HOURS = (1, 1, 1, 1, 1, 1, 1, 2, 5, 9, 12, 12, 8, 6, 6, 5, 5, 4, 3, 3, 2, 2, 2, 1)
DISCHARGE_HOURS = (0, 0, 0, 0, 0, 0, 0, 0, 2, 8, 14, 14, 8, 4, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0)
WEEKEND_DISCHARGE_PUT_OFF = 0.5  # share of weekend discharges that wait for Monday
LOS_MEDIAN_DAYS, LOS_SPREAD = 5.0, 0.5
TRANSFER_SHARE = 1 / 12
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "建国秀英志强丽娟海燕文华明杰玉兰淑珍德福春梅振宇晓红桂芝永刚凤英家豪雪梅"
DIAGNOSES = {
    "CARD": ("冠状动脉粥样硬化性心脏病", "心力衰竭", "心房颤动", "高血压病3级", "不稳定型心绞痛"),
    "RESP": (
        "社区获得性肺炎",
        "慢性阻塞性肺疾病急性加重",
        "支气管哮喘急性发作",
        "支气管扩张伴感染",
    ),
}


@dataclass(frozen=True, slots=True)
class PresentPatient:
    """Today's demo patient, holding a bed since admission."""

    ward_id: str
    bed: str
    admitted_at: datetime


def present_patients(log: DemoLog) -> list[PresentPatient]:
    """The patients the log has admitted and not discharged (today's demo patients)."""
    found: dict[str, PresentPatient] = {}
    for e in log.wire_events():
        if e["type"] == "PatientAdmitted":
            p = e["payload"]
            found[e["patient_id"]] = PresentPatient(
                p["ward_id"], p["bed"], parse_iso(p["admitted_at"])
            )
        elif e["type"] == "PatientDischarged":
            found.pop(e["patient_id"], None)
    return list(found.values())


class _Beds:
    """Who holds which bed when: (start, end) spans per bed of each ward."""

    def __init__(self, wards: dict[str, int], present: Sequence[PresentPatient]):
        self.held: dict[str, dict[str, list[tuple[datetime, datetime]]]] = {
            w: {f"{n:02d}": [] for n in range(1, beds + 1)} for w, beds in wards.items()
        }
        for p in present:  # held from admission on, past any stay of the history
            self.take(p.ward_id, p.bed, p.admitted_at, p.admitted_at + timedelta(days=999))

    def free(self, ward: str, start: datetime, end: datetime, rng: random.Random) -> str | None:
        """A bed on `ward` free from start to end, or None (the admission goes elsewhere)."""
        beds = [bed for bed, spans in self.held[ward].items()
                if all(end <= s or start >= e for s, e in spans)]  # fmt: skip
        return rng.choice(beds) if beds else None

    def until_needed(self, ward: str, start: datetime) -> tuple[str, datetime] | None:
        """A bed empty at `start` and when its next patient comes (the longest such wait), for a
        stay that must then end: the ward discharges to make room."""
        found = []
        for bed, spans in self.held[ward].items():
            if any(s <= start < e for s, e in spans):
                continue
            later = [s for s, _ in spans if s > start]
            found.append((min(later) if later else start + timedelta(days=999), bed))
        if not found:
            return None
        needed, bed = max(found)
        return bed, needed

    def take(self, ward: str, bed: str, start: datetime, end: datetime) -> None:
        """Hold a bed."""
        self.held.setdefault(ward, {}).setdefault(bed, []).append((start, end))

    def forget_before(self, moment: datetime) -> None:
        """Drop the spans over before `moment` (admissions come in time order)."""
        for beds in self.held.values():
            for bed, spans in beds.items():
                beds[bed] = [(s, e) for s, e in spans if e > moment]


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _at_hour(rng: random.Random, day: datetime, weights: Sequence[int]) -> datetime:
    hour = rng.choices(range(24), weights=weights)[0]
    return local_time(local_day(day), hour, rng.randint(0, 59))


def _discharge_time(rng: random.Random, admitted: datetime) -> datetime:
    days = math.exp(rng.gauss(math.log(LOS_MEDIAN_DAYS), LOS_SPREAD))
    due = admitted + timedelta(days=max(1.0, days))
    weekday = local_day(due).weekday()
    if weekday >= 5 and rng.random() < WEEKEND_DISCHARGE_PUT_OFF:
        due += timedelta(days=7 - weekday)
    return _at_hour(rng, due, DISCHARGE_HOURS)


def _discharge_before(rng: random.Random, admitted: datetime, now: datetime) -> datetime | None:
    """A discharge on a day between the admission and yesterday (a stay that would still run
    today ends earlier, so the census does not sag in the days before today's patients came)."""
    days = (local_day(now) - local_day(admitted)).days
    if days < 2:
        return None
    due = _at_hour(rng, admitted + timedelta(days=rng.randint(1, days - 1)), DISCHARGE_HOURS)
    return due if admitted + timedelta(hours=12) < due < now - timedelta(hours=1) else None


def plan_stays(
    rng: random.Random, *, wards: dict[str, int], present: Sequence[PresentPatient], now: datetime,
    weeks: int = HISTORY_WEEKS,
) -> list[tuple[str, str, datetime, datetime, tuple[tuple[datetime, str, str], ...]]]:  # fmt: skip
    """(ward, bed, admitted, discharged, transfers as (at, ward, bed)) of every past stay."""
    beds = _Beds(wards, present)
    first = local_day(now) - timedelta(weeks=weeks, days=WARM_UP_DAYS if weeks else 0)
    planned = []
    for offset in range((local_day(now) - first).days):
        day = local_time(first + timedelta(days=offset), 12)
        beds.forget_before(day - timedelta(days=1))
        for ward in sorted(wards):
            mean = ADMISSIONS_BY_WEEKDAY[local_day(day).weekday()] * wards[ward] / DEMO_WARD_BEDS
            for _ in range(_poisson(rng, mean)):
                admitted = _at_hour(rng, day, ADMISSION_HOURS)
                due: datetime | None = _discharge_time(rng, admitted)
                if due is not None and due >= now - timedelta(hours=1):  # a past stay only:
                    due = _discharge_before(rng, admitted, now)  # cut short
                if due is None:
                    continue  # today's patients are the demo's own
                stay = _place(rng, beds, ward, sorted(wards), admitted, due)
                if stay is not None:
                    planned.append(stay)
    return sorted(planned, key=lambda s: s[2])


def _place(
    rng: random.Random, beds: _Beds, ward: str, wards: list[str], admitted: datetime,
    discharged: datetime,
) -> tuple[str, str, datetime, datetime, tuple[tuple[datetime, str, str], ...]] | None:  # fmt: skip
    others = [w for w in wards if w != ward]
    if others and rng.random() < TRANSFER_SHARE:
        moved = admitted + (discharged - admitted) * rng.uniform(0.25, 0.6)
        moved = _at_hour(rng, moved, ADMISSION_HOURS)
        there = rng.choice(others)
        if admitted < moved < discharged:
            first_bed = beds.free(ward, admitted, moved, rng)
            second_bed = beds.free(there, moved, discharged, rng)
            if first_bed and second_bed:
                beds.take(ward, first_bed, admitted, moved)
                beds.take(there, second_bed, moved, discharged)
                return ward, first_bed, admitted, discharged, ((moved, there, second_bed),)
    bed = beds.free(ward, admitted, discharged, rng)
    if bed is None:
        room = beds.until_needed(ward, admitted)
        if room is None or room[1] - admitted < timedelta(days=1):
            return None
        bed, cut = room[0], _discharge_before(rng, admitted, room[1])
        if cut is None:
            return None
        discharged = cut
    beds.take(ward, bed, admitted, discharged)
    return ward, bed, admitted, discharged, ()


def record_past_stays(
    log: DemoLog, users: dict[str, User], rng: random.Random, *, wards: dict[str, int],
    weeks: int = HISTORY_WEEKS, makers: Sequence[StayEventMaker] | None = None,
) -> list[Stay]:  # fmt: skip
    """Plan the past stays around today's patients (so the demo's other parts, which look for
    patients in the log, never pick a past one: call this last), write their admission, transfer
    and discharge events, and call every stay maker (STAY_EVENT_MAKERS unless `makers` is given)
    on each; return the stays."""
    present = present_patients(log)
    stays = []
    for number, (ward, bed, admitted, discharged, moves) in enumerate(
        plan_stays(rng, wards=wards, present=present, now=log.now, weeks=weeks), start=1
    ):
        doctor = users[f"{ward.lower()}.physician"]
        nurses = tuple(sorted(u.user_id for u in users.values()
                              if u.role == "nurse" and ward in u.wards))  # fmt: skip
        stay = Stay(patient_id=uuid7(), mrn=f"{local_day(admitted).year}{70000 + number:05d}",
                    ward_id=ward, bed=bed, admitted_at=admitted, discharged_at=discharged,
                    attending_id=doctor.user_id, nurse_ids=nurses,
                    transfers=tuple((at, to) for at, to, _ in moves))  # fmt: skip
        _write_stay(log, users, stay, moves, rng)
        for maker in STAY_EVENT_MAKERS if makers is None else makers:
            maker(stay, log, users, rng)
        stays.append(stay)
    return stays


def _write_stay(
    log: DemoLog, users: dict[str, User], stay: Stay,
    moves: tuple[tuple[datetime, str, str], ...], rng: random.Random,
) -> None:  # fmt: skip
    sex = rng.choice(("male", "female"))
    age = rng.randint(38, 92)
    log.add(stay.admitted_at, "PatientAdmitted", author=stay.attending_id,
            patient_id=stay.patient_id, payload={
        "record_number": stay.mrn, "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2)),
        "sex": sex, "birth_date": f"{local_day(stay.admitted_at).year - age}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "ward_id": stay.ward_id, "bed": stay.bed, "admitted_at": iso(stay.admitted_at),
        "acuity": rng.choice(("stable", "stable", "serious")),
        "diagnosis": rng.choice(DIAGNOSES.get(stay.ward_id, ("住院观察",))),
        "attending_id": stay.attending_id,
    })  # fmt: skip
    version, ward = 0, stay.ward_id
    for at, to, bed in moves:
        log.add(at, "PatientTransferred", author=users[f"{ward.lower()}.physician"].user_id,
                patient_id=stay.patient_id,
                payload={"ward_id": to, "bed": bed, "base_version": version})  # fmt: skip
        version, ward = version + 1, to
    assert stay.discharged_at is not None
    log.add(stay.discharged_at, "PatientDischarged", author=users[f"{ward.lower()}.physician"].user_id,
            patient_id=stay.patient_id, payload={
        "base_version": version, "discharged_at": iso(stay.discharged_at), "disposition_code": "1",
    })  # fmt: skip
