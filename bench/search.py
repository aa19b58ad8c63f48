"""Patient search per keystroke over 100,000 patients in the local replica.

    python bench/search.py --json                # {"p50_ms", "p95_ms", ...}
    python bench/search.py --patients 20000 --runs 3

The replica is the real encrypted one (SQLCipher, throwaway keyring); its `patients` projection is
filled with N patients (Chinese names from the bench name lists, their pinyin and initials from
`workstation.domain.names`, record numbers). Each query is typed one character at a time (`z`,
`zs`, `zsa`...; record numbers `H0`, `H00`...; Chinese names `张`, `张伟`; full pinyin) and every
prefix is timed as `Workstation.find_patients` (one read transaction and
`queries.find_patients`), the call the census search box makes on each keystroke. The median
and p95 over all keystrokes of all runs are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import _GIVEN, _SURNAMES, use_throwaway_keyring  # noqa: E402

QUERIES = ("zsa", "wangwei", "lj", "H0012345", "张伟", "chen", "hx", "H0099", "liuy", "zz")


def fill_patients(ws: Any, count: int) -> None:
    """count admitted or discharged patients with names, pinyin, initials and record numbers."""
    from sqlalchemy import insert

    from workstation.domain.names import person_initials as search_initials
    from workstation.domain.names import person_pinyin as search_pinyin
    from workstation.ids import uuid7
    from workstation.projections import tables as pt

    rng = random.Random(3)
    rows = []
    for n in range(count):
        name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(("", *_GIVEN))
        rows.append({
            "patient_id": uuid7(), "record_number": f"H{n:07d}", "temporary_number": False, "name": name,
            "name_initials": search_initials(name), "name_pinyin": search_pinyin(name), "sex": "female",
            "birth_date": "1960-01-01", "ward_id": f"W{n % 30}", "bed": str(n % 40 + 1),
            "status": "admitted" if n % 20 == 0 else "discharged", "admitted_at": "2024-01-01T00:00:00Z",
            "version": 0,
        })  # fmt: skip
    with ws.store.writing() as conn:
        conn.execute(insert(pt.patients), rows)


def keystrokes(ws: Any, runs: int) -> list[float]:
    """Milliseconds per keystroke (every prefix of every query), over several runs."""
    timings = []
    for _ in range(runs):
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                started = time.perf_counter()
                ws.find_patients(query[:end])
                timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> int:
    """Fill a replica, time the keystrokes, print median and p95."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from offline_cache.workstation import Workstation

    with tempfile.TemporaryDirectory(prefix="cw-search-") as tmp:
        folder = Path(tmp)
        use_throwaway_keyring(folder)
        ws = Workstation.open(folder / "station", ward_id="W0")
        try:
            fill_patients(ws, args.patients)
            keystrokes(ws, 1)  # warm the page cache
            timings = sorted(keystrokes(ws, args.runs))
        finally:
            ws.close()
    per_run = len(timings) // args.runs
    result = {"p50_ms": round(statistics.median(timings), 2),
              "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
              "max_ms": round(timings[-1], 2), "patients": args.patients,
              "keystrokes": len(timings), "keystrokes_per_run": per_run}  # fmt: skip
    print(json.dumps(result) if args.json else result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
