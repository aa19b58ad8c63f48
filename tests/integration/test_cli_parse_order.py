"""`workstation-server parse-order SENTENCE --json`: the structured order, or one error line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from workstation.server.cli import main

PROG = "workstation-server"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line in a fresh interpreter, as an operator would."""
    return subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_a_chinese_sentence_prints_the_structured_order() -> None:
    result = run_cli("parse-order", "阿莫西林 0.5g 口服 tid 7天", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "drug": {"code": "amoxicillin", "name_en": "Amoxicillin", "name_zh": "阿莫西林",
                 "atc": "J01CA04"},
        "dose": {"value": 0.5, "unit": "g"},
        "route": "po", "frequency": "tid", "duration_days": 7, "prn": False,
    }  # fmt: skip
    assert result.stderr == ""


def test_an_unknown_drug_exits_1_with_one_error_line() -> None:
    result = run_cli("parse-order", "amoxi 500mg po tid", "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{PROG}: error: unknown drug 'amoxi'")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("amox 500mg po tid 7d", {"code": "amoxicillin", "dose": {"value": 500, "unit": "mg"},
                                  "route": "po", "frequency": "tid", "duration_days": 7}),
        ("amxl 0.5g po tid", {"code": "amoxicillin", "dose": {"value": 0.5, "unit": "g"},
                              "duration_days": None}),
        ("KCl 10% 10ml ivgtt qd", {"code": "potassium_chloride_inj",
                                   "dose": {"value": 10, "unit": "mL"}, "route": "ivgtt"}),
        ("硝酸甘油 0.5mg 舌下 st", {"code": "nitroglycerin", "route": "sl", "frequency": "st"}),
    ],
)  # fmt: skip
def test_parse_order_json(
    sentence: str, expected: dict[str, object], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse-order", sentence, "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"drug", "dose", "route", "frequency", "duration_days", "prn"}
    assert printed["drug"]["code"] == expected.pop("code")
    assert {key: printed[key] for key in expected} == expected


def test_prn_indication_is_printed_when_written(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse-order", "paracetamol 500mg po q6h prn fever", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["prn"] is True and printed["prn_indication"] == "fever"


@pytest.mark.parametrize(
    ("sentence", "message"),
    [
        ("amox po tid", "dose missing"),
        ("amox 500mg po tdi", "unknown frequency 'tdi'"),
        ("amox 500ml po tid", "dose unit mL does not fit"),
        ("furosemide 40mg bid", "route missing"),
    ],
)
def test_a_malformed_sentence_is_one_error_line(
    sentence: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["parse-order", sentence, "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"{PROG}: error: ") and message in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_warnings_go_to_stderr_and_text_output_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse-order", "aspirin 100mg qd"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "阿司匹林 (Aspirin): 100 mg po qd\n"
    assert captured.err == f"{PROG}: warning: route not written: po assumed (its only route)\n"
