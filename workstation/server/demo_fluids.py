"""The demo's fluid balance charts: intake, urine and stools recorded by the ward nurse for the
patients whose nursing orders ask for a 24-hour intake and output chart (记24小时出入量)."""

from __future__ import annotations

import random
from datetime import timedelta

from workstation.clock import iso
from workstation.server.demo_events import DemoLog, times_between
from workstation.server.demo_patient import PatientCase

FLUID_CHART_ORDER = "Strict fluid balance chart"  # the nursing order's English text in scenarios
# A ward routine with ordinary invented volumes: drinks with meals and medicines kept near a
# 1.5 L fluid restriction, urine emptied every 4 hours while on a diuretic, about one stool a day.
DRINK_HOURS, DRINK_ML = (8, 11, 17, 20), (250, 400)
URINE_HOURS, URINE_ML = (2, 6, 10, 14, 18, 22), (300, 550)
STOOL_HOURS, STOOL_ML, STOOL_CHANCE = (8, 9, 10, 15), (120, 250), 0.7


def charts_fluid_balance(case: PatientCase) -> bool:
    """True when the patient's nursing orders include the fluid balance chart."""
    return any(item["en"] == FLUID_CHART_ORDER for item in case.scenario.get("nursing", []))


def record_fluid_balance(log: DemoLog, case: PatientCase) -> None:
    """IntakeOutputRecorded from admission to now, for a patient on a fluid balance chart.
    Drawn from a generator of its own (seeded by the record number) so that adding these
    entries leaves every other random draw of the demo as it was."""
    if not charts_fluid_balance(case):
        return
    rng = random.Random(f"fluids-{case.record_number}")
    start = case.admitted_at + timedelta(minutes=30)
    entries = [
        (at, "intake", "oral", DRINK_ML) for at in times_between(start, log.now, DRINK_HOURS)
    ]
    entries += [
        (at, "output", "urine", URINE_ML) for at in times_between(start, log.now, URINE_HOURS)
    ]
    for at in times_between(start, log.now, (0,)):
        if rng.random() < STOOL_CHANCE:
            at += timedelta(hours=rng.choice(STOOL_HOURS), minutes=rng.randint(0, 50))
            entries.append((at, "output", "stool", STOOL_ML))
    for at, direction, category, (low, high) in sorted(entries):
        log.add(at + timedelta(minutes=rng.randint(1, 15)), "IntakeOutputRecorded",
                author=case.staff.nurse, patient_id=case.patient_id, payload={
            "direction": direction, "category": category, "measured_at": iso(at),
            "volume_ml": rng.randrange(low, high + 1, 10),
        })  # fmt: skip
