"""The collector's full passes kept short: what startup made lives as long as the process."""

from __future__ import annotations

import gc


def freeze_startup_objects() -> None:
    """Collect once, then move every object alive after startup (modules, Qt wrappers, SQLAlchemy's
    tables, the formulary) out of the collector's generations, so a full collection walks only
    what the session made since. A chart opening allocates thousands of objects and sets off full
    collections now and then: with the chart bench's heap one took ~100 ms of CPU inside an
    opening, ~7 ms after this (gc.freeze, Python ≥ 3.7: nothing frozen is ever freed, so it is
    called once, after the main window is built)."""
    gc.collect()
    gc.freeze()
