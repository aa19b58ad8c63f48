"""Finding 10: a real station keeps its replica key only in a secure keyring, whatever the
configuration says; `workstation demo` alone may use its documented keyring file."""

from __future__ import annotations

from pathlib import Path

import keyring
import keyring.core
import pytest
from keyring.backends import chainer, fail
from keyrings.alt.file import PlaintextKeyring

from offline_cache import keystore
from offline_cache.keystore import KeyringUnavailable
from offline_cache.workstation import Workstation


def _configured_by_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rc: str | None,
                            env: str | None) -> None:  # fmt: skip
    """Forget the test's in-process keyring and let `keyring` choose from the files and variables
    a user of the PC can set, as it does when a station starts."""
    keystore.forget_accepted_backends()
    config = tmp_path / "xdg-config"
    (config / "python_keyring").mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    if rc is not None:
        (config / "python_keyring" / "keyringrc.cfg").write_text(rc)
    if env is None:
        monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    else:
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", env)
    keyring.core.init_backend()


@pytest.mark.parametrize(
    ("rc", "env"),
    [
        ("", None),  # a keyringrc.cfg that merely exists
        ("[backend]\ndefault-keyring=keyrings.alt.file.PlaintextKeyring\n", None),
        (None, "keyrings.alt.file.PlaintextKeyring"),
        (None, "keyring.backends.null.Keyring"),
    ],
)
def test_a_real_station_refuses_a_plaintext_keyring_whatever_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rc: str | None, env: str | None
) -> None:
    _configured_by_the_user(tmp_path, monkeypatch, rc, env)
    with pytest.raises(KeyringUnavailable, match="secure"):
        Workstation.open(tmp_path / "station", server_url=None, ward_id="CARD")
    assert not list((tmp_path / "station").glob("*.db"))
    written = [p.read_text() for p in tmp_path.rglob("*.cfg") if p.name != "keyringrc.cfg"]
    assert not any("clinical_2Dworkstation" in text for text in written)  # no key in a plain file


def test_a_chain_is_narrowed_to_its_secure_member_or_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keystore.forget_accepted_backends()
    insecure = [PlaintextKeyring(), fail.Keyring()]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", insecure)
    keyring.set_keyring(chainer.ChainerBackend())
    with pytest.raises(KeyringUnavailable, match="no secure password store"):
        keystore.check_backend()


def test_the_demo_still_runs_with_its_documented_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _configured_by_the_user(tmp_path, monkeypatch, None, "keyrings.alt.file.PlaintextKeyring")
    assert keystore.use_demo_keyring(tmp_path / "demo") is True
    ws = Workstation.open(tmp_path / "demo" / "station", server_url=None, ward_id="CARD")
    ws.close()
    assert "replica_2dkey" in (tmp_path / "demo" / "demo-keyring.cfg").read_text()
