"""The patient-flow tab draws what /manage/flow answers (here the server's own report over four
weeks of demo stays), in English and Chinese, exports its tables and empties on lock."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from sqlalchemy import Engine, insert

from ui.screens.dashboard.charts import MAX_X_LABELS
from ui.screens.dashboard.flow_tab import FlowTab
from workstation.server.auth import User
from workstation.server.db import make_engine, writer
from workstation.server.demo_events import DemoLog
from workstation.server.demo_history import record_past_stays
from workstation.server.flow_store import fold
from workstation.server.manage_flow import flow_report
from workstation.server.models import flow_moves, flow_stays, metadata, wards

NOW = datetime(2026, 3, 10, 4, 30, tzinfo=UTC)


def _users() -> dict[str, User]:
    names = [("card.physician", "physician", ("CARD",)), ("resp.physician", "physician", ("RESP",)),
             ("card.nurse", "nurse", ("CARD",)), ("resp.nurse", "nurse", ("RESP",))]  # fmt: skip
    return {n: User(f"00000000-0000-7000-8000-{i:012d}", n, n, role, wards, True)
            for i, (n, role, wards) in enumerate(names)}  # fmt: skip


def flow_sample(tmp_path: Any, weeks: int = 6) -> dict[str, Any]:
    """The report of `weeks` of demo stays on two 16-bed wards."""
    engine: Engine = make_engine(f"sqlite:///{tmp_path / 'flow.db'}")
    metadata.create_all(engine, tables=[wards, flow_stays, flow_moves])
    log = DemoLog(NOW)
    record_past_stays(
        log, _users(), random.Random(3), wards={"CARD": 16, "RESP": 16}, weeks=weeks, makers=[]
    )  # the stays alone: other dashboards' makers need more users
    with writer(engine) as conn:
        beds = ",".join(f"{n:02d}" for n in range(1, 17))
        conn.execute(insert(wards), [{"ward_id": w, "name_en": w, "name_zh": w, "beds": beds}
                                     for w in ("CARD", "RESP")])  # fmt: skip
        fold(conn, [SimpleNamespace(**e) for e in log.wire_events()])  # type: ignore[misc]
    report = flow_report(engine, None, now=NOW, days=28)
    engine.dispose()
    return report


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return flow_sample(tmp_path_factory.mktemp("flow"))


def test_flow_tab_draws_exports_and_clears(qtbot, sample: dict[str, Any]) -> None:  # noqa: ANN001
    tab = FlowTab()
    tab.ward_names = {"CARD": "Cardiology", "RESP": "Respiratory"}
    qtbot.addWidget(tab)
    assert sample["forecast"]["model"] in ("holt_winters", "seasonal_naive")
    assert sum(sample["movements"]["by_weekday"]["admissions"]) > 50
    tab.show_data(sample)
    assert len(tab.findChildren(QChartView)) == 5
    assert f"of {sample['beds']} beds" in tab.summary.text() and "MAE" in tab.summary.text()
    sheets = {s.title: s for s in tab.sheets()}
    assert list(sheets) == ["Flow by hour", "Flow by weekday", "Occupancy", "Length of stay",
                            "Census forecast", "Forecast error"]  # fmt: skip
    assert len(sheets["Flow by hour"].rows) == 24 and len(sheets["Occupancy"].rows) == 28
    assert sheets["Occupancy"].headers[1:] == ["Cardiology census", "Respiratory census",
                                               "Cardiology %", "Respiratory %"]  # fmt: skip
    occupancy = tab.grid.itemAtPosition(2, 0).widget().chart()
    assert [m.label() for m in occupancy.legend().markers()] == ["Cardiology", "Respiratory"]
    [days] = occupancy.axes(Qt.Orientation.Horizontal)
    labels = days.categoriesLabels()  # a few whole dates, not 28 elided ones
    assert len(labels) <= MAX_X_LABELS and labels[-1] == sample["days"][-1][5:]
    assert [r[0] for r in sheets["Census forecast"].rows] == sample["forecast"]["days"]
    tab.clear()
    assert tab.summary.text() == "" and tab.sheets() == [] and tab.grid.count() == 0


def test_flow_tab_in_chinese(qtbot, chinese, sample: dict[str, Any]) -> None:  # noqa: ANN001
    tab = FlowTab()
    qtbot.addWidget(tab)
    tab.show_data(sample)
    assert tab.title() == "入出转"
    assert "零点在院" in tab.summary.text() and "平均绝对误差" in tab.summary.text()
    assert [s.title for s in tab.sheets()][0] == "按时段入出转"
