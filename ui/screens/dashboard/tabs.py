"""The dashboard's tabs, in the order they are shown: each area adds its tab class here."""

from __future__ import annotations

from ui.screens.dashboard.tab import DashboardTab

TABS: list[type[DashboardTab]] = []
