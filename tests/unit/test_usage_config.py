"""The usage retention comes from the server config; the per-user request limit counts a window."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.server import config
from workstation.server.usage_api import RateLimit


def test_the_retention_is_read_from_the_config_and_bounded(tmp_path: Path) -> None:
    path = tmp_path / "server.toml"
    path.write_text(
        '[database]\nurl = "sqlite:///x.db"\n[usage]\nretention_days = 30\n', encoding="utf-8"
    )
    assert config.load(path).app_settings().usage_retention_days == 30
    path.write_text('[database]\nurl = "sqlite:///x.db"\n', encoding="utf-8")
    assert config.load(path).app_settings().usage_retention_days == 180
    for bad in ("0", '"30"', "9999", "true"):
        path.write_text(f"[usage]\nretention_days = {bad}\n", encoding="utf-8")
        with pytest.raises(config.ConfigError, match="retention_days"):
            config.load(path)


def test_a_user_over_the_limit_waits_for_the_window() -> None:
    limit = RateLimit(2, window=60.0)
    assert limit.allow("u", now=0.0) and limit.allow("u", now=1.0)
    assert not limit.allow("u", now=2.0) and limit.allow("other", now=2.0)
    assert limit.allow("u", now=60.5)  # the first request left the window
