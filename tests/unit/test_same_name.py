"""Two 张伟 on one ward: the census and the chart name the other's bed, and the MAR printout
and the medication label warn."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Connection

from tests.unit.test_print_rare_characters import _ctx
from tests.unit.test_projector import P1, P2, admitted, conn  # noqa: F401 - the fixture
from workstation.clinical.same_name import same_name_warning
from workstation.projections import queries
from workstation.projections.projector import apply_events
from workstation.reports.mar import mar

P3 = "0190b8e2-7c3a-7d1e-9f00-000000000003"


def test_the_census_and_the_chart_name_the_other_bed(conn: Connection) -> None:  # noqa: F811
    apply_events(conn, [admitted(P1, name="张伟"), admitted(P2, name="张伟"),
                        admitted(P3, name="张伟", ward="W2")])  # fmt: skip
    rows = {r["patient_id"]: r for r in queries.census(conn)}
    assert rows[P1]["same_name_beds"] == ["7"] and rows[P3]["same_name_beds"] == []
    chart = queries.chart(conn, P1)
    assert [o["patient_id"] for o in chart["same_name"]] == [P2]
    assert queries.chart(conn, P3)["same_name"] == []
    assert same_name_warning(chart["same_name"], "zh_CN") == "同名患者：本病区另有同名患者（7床）"
    assert same_name_warning([], "en") == ""


def test_the_mar_printout_warns(conn: Connection, tmp_path: Path) -> None:  # noqa: F811
    apply_events(conn, [admitted(P1, name="张伟"), admitted(P2, name="张伟")])
    chart = queries.chart(conn, P1)
    path = tmp_path / "mar.pdf"
    path.write_bytes(mar(_ctx(), chart))
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    text = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "同名患者" in text and "过敏史未记录" in text
