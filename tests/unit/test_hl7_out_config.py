"""The server config's [hl7_out] section: where lab orders (LIS) and imaging orders (PACS) go;
no section, no orders leave; a half-given or wrong address is refused at start, by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.server.config import ConfigError, load


def _load(tmp_path: Path, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / "server.toml"
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_no_section_no_orders_out(tmp_path: Path) -> None:
    assert _load(tmp_path, "[server]\nport = 8765\n").outbound() is None


def test_the_lis_and_the_pacs_are_read(tmp_path: Path) -> None:
    config = _load(tmp_path, '[hl7_out]\nlis_host = "10.1.2.3"\nlis_port = 6001\n'
                   'facility = "RMYY"\ntimeout_seconds = 10\n').outbound()  # fmt: skip
    assert config is not None
    assert (config.lis, config.pacs, config.facility, config.timeout_seconds) == (
        ("10.1.2.3", 6001), None, "RMYY", 10.0)  # fmt: skip


@pytest.mark.parametrize(("text", "named"), [
    ('lis_host = "10.1.2.3"\n', "lis_host"),
    ('pacs_host = "p"\npacs_port = 70000\n', "pacs_port"),
    ('lis_host = "l"\nlis_port = 6001\ntimeout_seconds = 0\n', "timeout_seconds"),
    ('lis_hots = "l"\n', "lis_hots"),
])  # fmt: skip
def test_wrong_settings_are_refused_by_name(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        _load(tmp_path, "[hl7_out]\n" + text)
