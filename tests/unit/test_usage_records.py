"""Usage records carry identifiers, numbers and times only: the rules both sides apply."""

from __future__ import annotations

import sys
import uuid

import pytest

from workstation.telemetry.records import (
    InvalidRecord,
    code_file,
    code_frames,
    error_name,
    validate_record,
)


def _record(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "record_id": str(uuid.uuid4()), "kind": "action", "name": "Ctrl+Shift+K",
        "at": "2026-12-07T09:30:00+08:00", "version": "0.1.0", "screen": "ChartView/NotesTab",
        "count": 3, "duration_ms": 1200, "frames": [],
    }  # fmt: skip
    return data | changes


def test_a_record_of_identifiers_and_numbers_passes() -> None:
    record = validate_record(_record())
    assert record.name == "Ctrl+Shift+K" and record.count == 3


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "张三"},  # a patient's name
        {"name": "free text with spaces"},
        {"screen": "病程记录"},
        {"kind": "note"},
        {"count": -1},
        {"count": True},
        {"duration_ms": 10**12},
        {"record_id": "x"},
        {"at": "yesterday"},
        {"message": "KeyError: 'MRN 1234'"},  # no field for a message
        {"user_id": "doctor.li"},  # the server takes the user from the token
        {"frames": [["ui/x.py", 1, "f", "locals"]]},
        {"frames": [["ui/x.py", 1, "f(x='张三')"]]},
        {"frames": [["ui/x.py", 1, "f"]] * 31},
    ],
)
def test_anything_else_is_refused(changes: dict[str, object]) -> None:
    with pytest.raises(InvalidRecord):
        validate_record(_record(**changes))


def test_code_files_are_named_from_their_package_never_the_install_folder() -> None:
    assert code_file("/home/zhangsan/cw/ui/screens/chart/view.py") == "ui/screens/chart/view.py"
    assert code_file("C:\\Users\\张三\\site-packages\\workstation\\ids.py") == "workstation/ids.py"
    assert code_file("/usr/lib/python3/json/decoder.py") == "decoder.py"


def test_an_exception_keeps_its_type_and_code_locations_not_its_message_or_locals() -> None:
    def chart_of(patient_name: str) -> None:
        raise KeyError(f"no chart for {patient_name}")

    try:
        chart_of("王五")
    except KeyError:
        kind, _error, tb = sys.exc_info()
    assert kind is not None
    frames = code_frames(tb)
    assert frames[-1][2] == "chart_of" and frames[-1][0] == "tests/unit/test_usage_records.py"
    assert "王五" not in repr(frames) and error_name(kind) == "builtins.KeyError"
    validate_record(_record(kind="error", name=error_name(kind), frames=[list(f) for f in frames]))
