"""Startup objects are frozen out of the collector's generations once the main window is built."""

from __future__ import annotations

import gc

from ui.heap import freeze_startup_objects


def test_freezing_moves_the_live_objects_out_of_the_generations() -> None:
    kept = [{"row": n} for n in range(100)]  # alive across the freeze
    try:
        freeze_startup_objects()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_count()[0] < 100  # the young generation starts again nearly empty
    finally:
        gc.unfreeze()
