"""The station's usage queue: kept in memory until flushed, sent in batches that fit the server's
body limit, and only under its own user's token (another user's records wait)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from offline_cache.usage import BATCH_BYTES
from offline_cache.workstation import Workstation


class _Link:
    """Takes every record, remembering each request's body size."""

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def request(self, _method: str, _path: str, *, body: Any = None, **_: Any) -> dict[str, Any]:
        self.sizes.append(len(orjson.dumps(body)))
        return {"stored": len(body["records"]), "duplicates": 0, "refused": []}


def test_queued_usage_leaves_in_batches_within_the_limit_and_only_as_its_user(
    tmp_path: Path,
) -> None:
    ws = Workstation.open(tmp_path / "pc")
    log = ws.usage
    frames = tuple((f"ui/screens/{'a' * 100}.py", n, "show") for n in range(30))
    log.user_id = "u1"
    for _ in range(150):
        log.record("error", "builtins.KeyError", screen="MarView", frames=frames)
    log.user_id = "u2"
    log.record("action", "F9")
    assert log.pending and not log.queued("u9")  # reading the queue flushes what memory held
    assert not log.pending and len(log.queued("u1")) == 150
    log.user_id = "u1"
    link = _Link()
    sent = log.send(link)  # type: ignore[arg-type]
    assert sent.stored == 150 and len(link.sizes) > 1 and max(link.sizes) <= BATCH_BYTES + 10_000
    assert [r["name"] for r in log.queued()] == ["F9"]  # u2's record waits for u2's own token
    ws.close()
