"""The ward's managers keep their profession's clinical rights and add the dashboards of their
wards; the medical affairs office reads every ward's dashboards and no chart."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from workstation.domain.enums import Role
from workstation.reports.xlsx import Sheet, workbook_bytes
from workstation.security.policy import (
    FHIR_READER_ROLES,
    PERMISSIONS,
    clinical_role,
    dashboard_wards,
    permission_problem,
)
from workstation.server.user_rights import rights_problem


def test_a_head_nurse_is_a_nurse_and_a_director_a_physician() -> None:
    assert (
        clinical_role("head_nurse") == "nurse"
        and clinical_role("department_director") == "physician"
    )
    assert (
        clinical_role("pharmacist") == "pharmacist"
        and clinical_role("no such role") == "no such role"
    )
    assert PERMISSIONS[Role.HEAD_NURSE] == PERMISSIONS[Role.NURSE]
    assert PERMISSIONS[Role.DEPARTMENT_DIRECTOR] == PERMISSIONS[Role.PHYSICIAN]
    medication = {"order_kind": "medication"}
    assert permission_problem("head_nurse", "OrderPlaced", medication) is not None
    assert permission_problem("department_director", "OrderPlaced", medication) is None
    assert rights_problem("head_nurse", {"title": "associate_chief_nurse"}) is None
    assert (
        rights_problem("department_director", {"title": "chief", "antibiotic_tier": "special"})
        is None
    )


def test_medical_affairs_reads_every_dashboard_and_no_chart() -> None:
    assert dashboard_wards("medical_affairs", []) is None
    assert dashboard_wards("head_nurse", ["CARD"]) == frozenset({"CARD"})
    assert dashboard_wards("nurse", ["CARD"]) == frozenset()
    assert "medical_affairs" not in FHIR_READER_ROLES
    assert PERMISSIONS[Role.MEDICAL_AFFAIRS] == frozenset()
    assert permission_problem("medical_affairs", "NoteSigned", {}) is not None


def test_a_workbook_has_a_sheet_per_table_with_valid_unique_names() -> None:
    sheets = [Sheet("入院/出院", ["小时", "入院"], [[8, 3], [9, 5]]), Sheet("入院/出院", ["a"], [])]
    book = load_workbook(io.BytesIO(workbook_bytes(sheets)))
    assert book.sheetnames == ["入院_出院", "入院_出院 (2)"]
    assert [list(r) for r in book["入院_出院"].iter_rows(values_only=True)] == [
        ["小时", "入院"],
        [8, 3],
        [9, 5],
    ]
