"""The temperature chart's intake, output, urine and stool rows: the previous ward day's figures
in each date's column, from a made-up chart and from the demo ward, in both languages."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_reports import LANGS, check_pdf
from workstation.clinical.schedule import AdministrationTimes
from workstation.clock import iso, utc_now
from workstation.projections import queries
from workstation.reports.context import Hospital, PrintContext, patient_by_record_number
from workstation.reports.documents import print_patient_document
from workstation.reports.vitals_chart import vitals_chart
from workstation.server.cli import main
from workstation.server.db import reader

WARD = timezone(timedelta(hours=8))  # the shipped administration_times.json: UTC+08:00
LABELS = {
    "zh_CN": {"intake": "入量 ml", "output": "出量 ml", "urine": "尿量 ml", "stool": "大便 次/日"},
    "en_US": {"intake": "Intake ml", "output": "Output ml", "urine": "Urine ml",
              "stool": "Stools /day"},
}  # fmt: skip


def ward(day: int, hour: int, minute: int = 0) -> str:
    """A stored time for a ward wall-clock time in March 2026."""
    return iso(datetime(2026, 3, day, hour, minute, tzinfo=WARD))


def io(at: str, category: str, ml: float, *, voided: bool = False) -> dict[str, Any]:
    direction = "intake" if category in ("oral", "iv") else "output"
    return {"direction": direction, "category": category, "volume_ml": ml, "measured_at": at,
            "voided": voided}  # fmt: skip


def row_figures(text: str, label: str) -> list[str]:
    """The figures printed after a row's label on the extracted page."""
    line = next(line for line in text.splitlines() if line.strip().startswith(label))
    return line.strip()[len(label) :].split()


def print_chart(tmp_path: Path, chart: dict[str, Any], lang: str, printed_at: datetime) -> str:
    ctx = PrintContext(lang=lang, printed_by="Liu Fang", printed_at=printed_at,
                       hospital=Hospital.load(), times=AdministrationTimes.load())  # fmt: skip
    path = tmp_path / f"chart-{lang}.pdf"
    path.write_bytes(vitals_chart(ctx, chart))
    return check_pdf(path)


@pytest.mark.parametrize("lang", LANGS)
def test_each_column_shows_the_ward_day_before_it(tmp_path: Path, lang: str) -> None:
    patient = {"patient_id": "p1", "record_number": "20260001", "name": "王芳", "sex": "female",
               "birth_date": "1950-05-01", "ward_id": "CARD", "bed": "03",
               "admitted_at": ward(1, 9, 20), "discharged_at": ward(5, 5, 30),
               "weight_kg": 61.5}  # fmt: skip
    entries = [
        # ward day 1 March (07:00 to 07:00): into the column of 2 March
        io(ward(1, 10), "oral", 300),
        io(ward(1, 15), "iv", 200),
        io(ward(1, 14), "urine", 400),
        io(ward(1, 9, 30), "stool", 150),
        io(ward(2, 6, 30), "stool", 100),
        io(ward(1, 16), "urine", 999, voided=True),
        io(ward(2, 12), "oral", 800),  # 2 March: intake only, so output and stools stay blank
        io(ward(3, 20), "urine", 350),  # 3 March: outputs charted, no stool
        io(ward(4, 8), "urine", 720),  # 4 March is still running when printed, at 06:00 on the 5th
    ]
    chart = {"patient": patient, "vitals": [], "intake_output": entries}
    text = print_chart(tmp_path, chart, lang, datetime(2026, 3, 5, 6, tzinfo=WARD).astimezone(UTC))
    labels = LABELS[lang]
    assert row_figures(text, labels["intake"]) == ["500", "800"]
    assert row_figures(text, labels["output"]) == ["650", "350"]
    assert row_figures(text, labels["urine"]) == ["400", "350"]
    assert row_figures(text, labels["stool"]) == ["2", "0"]
    assert "999" not in text and "720" not in text
    assert "07:00" in text  # the legend names the ward day
    band = {"zh_CN": ("入院九时二十分", "出院五时三十分"),
            "en_US": ("Admitted 09:20", "Discharged 05:30")}[lang]  # fmt: skip
    raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / f"chart-{lang}.pdf"), "-"],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    flat = "".join(raw.split())
    assert all(words.replace(" ", "") in flat for words in band), flat[:300]


def expected_rows(entries: list[dict[str, Any]], printed_at: datetime) -> dict[str, list[str]]:
    """Counted by hand: each ward day (07:00 to 07:00) that ended before printing."""
    days: dict[Any, dict[str, float]] = {}
    for e in entries:
        local = datetime.fromisoformat(e["measured_at"].replace("Z", "+00:00")).astimezone(WARD)
        day = (local - timedelta(hours=7)).date()
        sums = days.setdefault(day, {"intake": 0, "output": 0, "urine": 0, "stool": 0})
        sums[e["direction"]] += e["volume_ml"]
        sums["urine"] += e["volume_ml"] if e["category"] == "urine" else 0
        sums["stool"] += e["category"] == "stool"
    ended = [d for d in sorted(days) if datetime(d.year, d.month, d.day, 7, tzinfo=WARD)
             + timedelta(days=1) <= printed_at]  # fmt: skip
    return {key: [f"{days[d][key]:.0f}" for d in ended] for key in LABELS["en_US"]}


def test_the_demo_chart_prints_the_fluid_balance_of_a_patient_on_one(demo, tmp_path: Path) -> None:
    engine, url = demo
    with reader(engine) as conn:
        charts = [patient_by_record_number(conn, p["record_number"])
                  for p in queries.census(conn, "CARD")]  # fmt: skip
    chart = max(charts, key=lambda c: len(c["intake_output"]))
    assert {e["category"] for e in chart["intake_output"]} >= {"oral", "urine"}
    record, printed_at = chart["patient"]["record_number"], utc_now()
    expected = expected_rows(chart["intake_output"], printed_at)
    assert len(expected["intake"]) >= 2, "the demo patient has whole ward days of entries"
    for lang in LANGS:
        with reader(engine) as conn:
            pdf, _ = print_patient_document(conn, "vitals-chart", record, lang=lang,
                                            printed_by="x", printed_at=printed_at)  # fmt: skip
        (tmp_path / f"{lang}.pdf").write_bytes(pdf)
        text = check_pdf(tmp_path / f"{lang}.pdf")
        for key, label in LABELS[lang].items():
            assert row_figures(text, label) == expected[key], (lang, key)
    out = tmp_path / "cli.pdf"
    assert main(["print", "vitals-chart", "--database", url, "--patient", record, "--out",
                 str(out), "--lang", "zh_CN"]) == 0  # fmt: skip
    text = check_pdf(out)
    assert "体温单" in text and row_figures(text, "入量 ml")[0] == expected["intake"][0]
