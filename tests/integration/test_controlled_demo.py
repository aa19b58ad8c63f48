"""The demo's skin tests and controlled drugs, as a ward sees them: one penicillin waiting for its
skin test, one positive result that became an allergy, and the RESP register printed by the CLI."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from workstation.clinical.checks.context import patient_context_from_chart
from workstation.clinical.controlled import skin_test_status
from workstation.clinical.knowledge import default_knowledge
from workstation.projections import queries
from workstation.projections import tables as t
from workstation.server.cli import main
from workstation.server.db import reader


def test_the_demo_shows_a_pending_and_a_positive_skin_test(demo) -> None:  # noqa: ANN001
    engine, _url = demo
    kb = default_knowledge()
    found: dict[str, int] = {"pending": 0, "positive": 0, "negative": 0}
    with reader(engine) as conn:
        ids = conn.execute(select(t.patients.c.patient_id)).scalars().all()
        for patient_id in ids:
            chart = queries.chart(conn, patient_id)
            tests = patient_context_from_chart(chart, today=date.today()).skin_tests
            for order in chart["orders"]:
                status = skin_test_status(kb.drug(order.get("drug_code") or ""), tests)
                if status and order["status"] in ("placed", "verified"):
                    found[status] += 1
            if tests.get("penicillin") == "positive":
                assert "penicillin" in [a["substance"] for a in chart["allergies"]]
                assert chart["skin_tests"][0]["witness_id"] != chart["skin_tests"][0]["recorded_by"]
    assert found["pending"] >= 1 and found["negative"] >= 1


def test_the_register_cli_lists_the_wards_controlled_movements(
    demo, capsys: pytest.CaptureFixture[str]
) -> None:  # noqa: ANN001
    _engine, url = demo
    assert main(["controlled-register", "--database", url, "--ward", "RESP"]) == 0
    out = capsys.readouterr().out
    assert "专册登记" in out
    for word in ("芬太尼", "吗啡", "发药", "使用", "残余销毁", "空安瓿/废贴回收"):
        assert word in out, word
    # the morphine ampoules dispensed and not back yet close the ward's register; the returned
    # fentanyl empty does not (医疗机构麻醉药品、第一类精神药品管理规定: 空安瓿、废贴回收)
    still_out = out.split("空安瓿/废贴未交回")[1]
    assert "吗啡 6 amp" in still_out and "芬太尼" not in still_out
    assert (
        main(["controlled-register", "--database", url, "--location", "PHARM", "--lang", "en"]) == 0
    )
    out = capsys.readouterr().out
    assert "received" in out and "Fentanyl" in out and "destroyed" not in out
