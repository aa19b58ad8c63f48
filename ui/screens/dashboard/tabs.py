"""The dashboard's tabs, in the order they are shown: each area adds its tab class here."""

from __future__ import annotations

from ui.screens.dashboard.flow_tab import FlowTab
from ui.screens.dashboard.quality_tab import QualityTab
from ui.screens.dashboard.tab import DashboardTab
from ui.screens.dashboard.usage_tab import UsageTab
from ui.screens.roster.staffing_tab import StaffingTab

TABS: list[type[DashboardTab]] = [
    FlowTab,
    QualityTab,
    StaffingTab,
    UsageTab,
]
