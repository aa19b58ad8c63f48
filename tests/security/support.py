"""What the security tests share: the command line run as an operator would (umask 022), a
server config naming every key and folder, and a throwaway certificate authority."""

from __future__ import annotations

import datetime
import ipaddress
import os
import subprocess
import sys
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine

from workstation.server import audit
from workstation.server.config import ServerConfig, for_database, load
from workstation.server.db import make_engine
from workstation.server.keys import read_keys

PROG = "workstation-server"


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """`workstation-server ARGS` in a fresh interpreter started with the common umask 022."""
    return subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", *args], capture_output=True, text=True,
        timeout=timeout, preexec_fn=lambda: os.umask(0o022),
    )  # fmt: skip


def write_config(folder: Path, database_url: str, **server: object) -> Path:
    """A config file in folder naming the database, the keys and the checkpoint folder there."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        "[database]", f'url = "{database_url}"', "", "[audit]",
        'key_file = "keys/audit.key"', 'checkpoint_key_file = "keys/checkpoint.key"',
        'checkpoint_folder = "checkpoints"', "checkpoint_minutes = 60", "", "[server]",
        *(f"{name} = {_toml(value)}" for name, value in server.items()),
    ]  # fmt: skip
    path = folder / "server.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else f'"{value}"'


def config_of(path: Path) -> ServerConfig:
    """The config a command reads from path."""
    config = load(path)
    assert config.database_url is not None
    return for_database(config, config.database_url)


def keyed_engine(config: ServerConfig) -> Engine:
    """An engine on the config's database holding its audit key, as the server holds it."""
    assert config.database_url is not None
    return audit.with_key(make_engine(config.database_url), read_keys(config).audit)


def make_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate for 127.0.0.1/localhost it signed: (ca, cert, key) files."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Hospital CA")])
    ca = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                     content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    server_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    cert = (
        x509.CertificateBuilder().subject_name(server_name).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([
            x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                       critical=False)
        .sign(ca_key, hashes.SHA256())
    )  # fmt: skip
    ca_file, cert_file, key_file = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))  # fmt: skip
    key_file.chmod(0o600)
    return ca_file, cert_file, key_file
