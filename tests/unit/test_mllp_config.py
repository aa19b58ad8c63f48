"""The server config file names the HL7 MLLP listener; unknown settings stay refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.server.config import ConfigError, ServerConfig, load


def test_the_mllp_listener_is_off_unless_configured(tmp_path: Path) -> None:
    path = tmp_path / "server.toml"
    path.write_text("[server]\nport = 8765\n", encoding="utf-8")
    assert load(path).mllp_port is None
    assert ServerConfig().mllp_host == "127.0.0.1"


def test_mllp_port_and_host_are_read(tmp_path: Path) -> None:
    path = tmp_path / "server.toml"
    path.write_text('[server]\nmllp_port = 2575\nmllp_host = "10.0.0.5"\n', encoding="utf-8")
    config = load(path)
    assert (config.mllp_port, config.mllp_host) == (2575, "10.0.0.5")


def test_a_misspelt_mllp_setting_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "server.toml"
    path.write_text("[server]\nmlp_port = 2575\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="mlp_port"):
        load(path)
