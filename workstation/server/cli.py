"""`workstation-server`: set up, serve, manage users, list patients, verify the audit chain,
back up and restore. Every expected failure is one `workstation-server: error: ...` line."""

from __future__ import annotations

import argparse
import getpass
import os
import re
import secrets
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy import Connection, select
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from workstation.domain.enums import Role
from workstation.security.files import UnsafeSecretFile, restrict_umask
from workstation.server import audit, auth, refdata, schema
from workstation.server.audit import AuditKeyMismatch
from workstation.server.backup import BackupError, restore
from workstation.server.cli_codes import add_codes_command
from workstation.server.cli_common import (
    PROG,
    CliError,
    open_engine,
    open_initialised,
    resolve_config,
)
from workstation.server.cli_common import cli_audit as _cli_audit
from workstation.server.cli_common import one_line as _one_line
from workstation.server.cli_controlled import add_register_command
from workstation.server.cli_device import add_device_command
from workstation.server.cli_formulary import add_formulary_command
from workstation.server.cli_interface import add_interface_queue_command
from workstation.server.cli_patients import add_import_patients_command
from workstation.server.cli_print import add_print_command
from workstation.server.cli_rights import add_indicators_command, add_rights_command
from workstation.server.cli_safety import add_critical_values_command
from workstation.server.cli_server import (
    cmd_backup,
    cmd_new_epoch,
    cmd_serve,
    cmd_verify_audit,
    key_the_chain,
)
from workstation.server.config import ConfigError
from workstation.server.db import BadDatabaseUrl, reader, writer
from workstation.server.keys import read_keys
from workstation.server.models import users, wards
from workstation.server.setup import initialise

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud and typed safely


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exits with status 2."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        sys.stderr.write(f"{PROG}: error: {where}{message} (see --help)\n")
        raise SystemExit(2)


# ---------------------------------------------------------------------------------------------
# ---------------------------------------------------------------------------------------------
# commands


def _open_initialised(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The initialised database the command names, chaining audit rows under the server's key."""
    return open_initialised(args.database, key=read_keys(args.server_config).audit)


def cmd_init(args: argparse.Namespace) -> int:
    """Create or migrate the database; with --demo load the demo ward and print its logins."""
    engine = open_engine(args.database, create=True)
    epoch = initialise(engine)
    engine = key_the_chain(engine, args.server_config)
    print(f"database ready: schema {schema.head_revision()}, epoch {epoch}")
    if args.demo:
        from workstation.server.demo import DemoLoadError, load_demo

        try:
            passwords = load_demo(engine)
        except DemoLoadError as exc:
            raise CliError(f"demo not loaded: {exc}") from exc
        with writer(engine) as conn:
            refdata.publish_directory(conn)
            roles = {
                r.username: r.role for r in conn.execute(select(users.c.username, users.c.role))
            }
        print("demo users (username, role, password) - shown only this once:")
        for username in sorted(passwords, key=lambda name: (roles.get(name, ""), name)):
            print(f"{username}\t{roles.get(username, '?')}\t{passwords[username]}")
    return 0


def _new_password(given: str | None, *, may_prompt: bool) -> tuple[str, bool]:
    """The password to set and whether it was generated (and so must be printed)."""
    if given is not None:
        return given, False
    if may_prompt and sys.stdin.isatty():
        first = getpass.getpass("Password (leave blank to generate one): ")
        if first:
            if getpass.getpass("Repeat the password: ") != first:
                raise CliError("the two passwords differ")
            return first, False
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups), True


def _check_wards(conn: Connection, ward_ids: list[str]) -> None:
    known = set(conn.execute(select(wards.c.ward_id)).scalars())
    unknown = [ward for ward in ward_ids if ward not in known]
    if known and unknown:
        raise CliError(
            f"unknown ward {', '.join(unknown)}; known wards: {', '.join(sorted(known))}"
        )


def cmd_user_add(args: argparse.Namespace) -> int:
    """Create a user on the given wards."""
    engine = _open_initialised(args)
    ward_ids = [ward.strip() for ward in args.wards.split(",") if ward.strip()]
    password, generated = _new_password(args.password, may_prompt=True)
    with writer(engine) as conn:
        _check_wards(conn, ward_ids)
        auth.add_user(
            conn, username=args.username, password=password, display_name=args.name,
            role=args.role, wards=ward_ids, licensed=not args.unlicensed,
        )  # fmt: skip
        refdata.publish_directory(conn)
        audit.append(
            conn, [_cli_audit("user_added", username=args.username, role=args.role, wards=ward_ids)]
        )
    print(f"user {args.username} added: {args.role}, wards {','.join(ward_ids) or '(none)'}")
    if generated:
        print(f"password: {password}")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    """Disable a user and end their sessions."""
    engine = _open_initialised(args)
    with writer(engine) as conn:
        auth.set_active(conn, args.username, False)
        refdata.publish_directory(conn)
        audit.append(conn, [_cli_audit("user_disabled", username=args.username)])
    print(f"user {args.username} disabled; their sessions are ended, their signing keys revoked")
    return 0


def cmd_user_reset_password(args: argparse.Namespace) -> int:
    """Set a new password (generated and printed when not given) and clear the lockout."""
    engine = _open_initialised(args)
    password, generated = _new_password(args.password, may_prompt=False)
    with writer(engine) as conn:
        auth.reset_password(conn, args.username, password)
        audit.append(conn, [_cli_audit("password_reset", username=args.username)])
    print(f"password of {args.username} reset; their sessions are ended")
    if generated:
        print(f"password: {password}")
    return 0


def cmd_user_unlock(args: argparse.Namespace) -> int:
    """Lift the login lock of a user (their failed-login counts are forgotten)."""
    with writer(_open_initialised(args)) as conn:
        was_locked = auth.unlock(conn, args.username)
        audit.append(conn, [_cli_audit("account_unlocked", username=args.username)])
    print(f"{args.username} unlocked" if was_locked else f"{args.username} was not locked")
    return 0


def _natural(text: str) -> tuple[Any, ...]:
    """Sort key that puts bed 2 before bed 10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def cmd_patients(args: argparse.Namespace) -> int:
    """Print the admitted patients: record number, name, ward, bed (tab-separated)."""
    from workstation.projections.tables import patients

    engine = _open_initialised(args)
    with reader(engine) as conn:
        rows = list(conn.execute(
            select(patients.c.record_number, patients.c.name, patients.c.ward_id, patients.c.bed)
            .where(patients.c.status == "admitted")
        ))  # fmt: skip
    rows.sort(key=lambda row: (_natural(row.ward_id), _natural(row.bed), row.record_number))
    audit.record(engine, [_cli_audit("census_listed", patients=len(rows))])
    for row in rows:
        print(f"{row.record_number}\t{row.name}\t{row.ward_id}\t{row.bed}")
    if not rows:
        print("no patients admitted", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Load a backup file into an empty database (or replace one's contents with --force)."""
    key = read_keys(args.server_config).audit
    summary = restore(
        open_engine(args.database, create=True, key=key), Path(args.source), force=args.force
    )
    print(
        f"restored {summary.total_rows} rows from {args.source}; new epoch {summary.epoch} "
        "(workstations will re-offer what the server lacks)"
    )
    return 0


def cmd_cds_test(args: argparse.Namespace) -> int:
    """Run an order-check scenario file: one line per case, then a summary line."""
    import json

    from workstation.clinical.checks import scenarios
    from workstation.clinical.knowledge import KnowledgeError, default_knowledge

    try:
        cases = scenarios.load_cases(Path(args.file))
        kb = default_knowledge()
    except (scenarios.ScenarioError, KnowledgeError) as exc:
        raise CliError(str(exc)) from exc
    parse = scenarios.sentence_parser(kb)
    results = [scenarios.run_case(case, kb, parse) for case in cases]
    for result in results:
        line = scenarios.result_line(result)
        print(json.dumps(line, ensure_ascii=False) if args.json else scenarios.result_text(result))
    summary = scenarios.summarise(results)
    print(json.dumps({"summary": summary}) if args.json else scenarios.summary_text(summary))
    return 0


def cmd_parse_order(args: argparse.Namespace) -> int:
    """Parse one order sentence against the shipped formulary and print the structured order:
    every drug of an order group (`NS 250ml + 呋塞米 20mg + 氯化钾 1g ivgtt qd`) and its carrier."""
    import json

    from workstation.clinical.formulary import FormularyError, load_formulary
    from workstation.clinical.order_sentence import OrderSentenceError, parse_order

    try:
        order = parse_order(args.sentence, load_formulary())
    except (OrderSentenceError, FormularyError) as exc:
        raise CliError(str(exc)) from exc
    for warning in order.warnings:
        sys.stderr.write(f"{PROG}: warning: {warning}\n")
    if args.json:
        print(json.dumps(order.as_json(), ensure_ascii=False))
        return 0
    grouped = len(order.members) > 1  # an order group: every drug of the bag, numbered
    for number, member in enumerate(order.members, start=1):
        duration = f" {member.duration_days} days" if member.duration_days else ""
        prn = f" prn {member.prn_indication or ''}".rstrip() if member.prn else ""
        print(f"{f'{number}. ' if grouped else ''}{member.drug.label()}: {member.dose_value:g} "
              f"{member.dose_unit} {member.route} {member.frequency}{duration}{prn}")  # fmt: skip
    if order.diluent is not None:
        print(f"carrier: {order.diluent.label()} / {order.diluent.label('zh')}")
    return 0


# ---------------------------------------------------------------------------------------------
# the command line


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _command(
    commands: Any, name: str, handler: Callable[[argparse.Namespace], int], help_text: str
) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler)
    parser.add_argument("--database", metavar="URL",
                        help="SQLite file path or sqlite:/// or postgresql:// URL (without a "
                        "password: put it in the config's password_file)")  # fmt: skip
    parser.add_argument("--config", metavar="FILE", help="the server config file (TOML)")
    return parser


def _add_user_commands(commands: Any) -> None:
    user = commands.add_parser(
        "user", help="add, disable, unlock, reset the password or set the rights of a user"
    )
    actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = _command(actions, "add", cmd_user_add, "create a user")
    add.add_argument("--username", required=True)
    add.add_argument("--name", required=True, help="display name, as shown on the ward")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--wards", default="", help="comma-separated ward ids (W1,W2)")
    add.add_argument("--password", help="prompted for, or generated and printed, when not given")
    add.add_argument("--unlicensed", action="store_true", help="orders need a co-signature")
    disable = _command(
        actions, "disable", cmd_user_disable, "disable a user and end their sessions"
    )
    disable.add_argument("--username", required=True)
    reset = _command(actions, "reset-password", cmd_user_reset_password, "set a new password")
    reset.add_argument("--username", required=True)
    reset.add_argument("--password", help="generated and printed when not given")
    unlock = _command(
        actions, "unlock", cmd_user_unlock, "lift a lock after repeated failed logins"
    )
    unlock.add_argument("--username", required=True)
    add_rights_command(actions, _command, open_database=_open_initialised, cli_audit=_cli_audit)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = _Parser(prog=PROG, description="Clinical Workstation central server administration.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    init = _command(commands, "init", cmd_init, "create or migrate the database")
    init.add_argument(
        "--demo", action="store_true", help="also load the demo ward and print its logins"
    )
    serve = _command(commands, "serve", cmd_serve, "run the sync server")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=_port, help="default 8765")
    serve.add_argument("--certfile", metavar="PEM", help="TLS certificate (chain) file")
    serve.add_argument("--keyfile", metavar="PEM", help="TLS private key file (0600)")
    serve.add_argument("--insecure-http", action="store_true",
                       help="allow plain HTTP on a non-loopback address (behind a TLS proxy)")  # fmt: skip
    serve.add_argument(
        "--trusted-proxy", action="append", default=[], metavar="ADDRESS",
        help="a reverse proxy or load balancer (address or network) whose X-Forwarded-For "
        "is believed for login throttling; repeat for several (adds to the config's list)",
    )  # fmt: skip
    serve.add_argument("--mllp-port", type=_port, metavar="PORT",
                       help="also listen for HL7 v2 over MLLP (HIS, LIS) on this port")  # fmt: skip
    serve.add_argument("--mllp-host", help="address of the MLLP listener (default 127.0.0.1)")
    _add_user_commands(commands)
    add_interface_queue_command(commands, _command)
    _command(commands, "patients", cmd_patients, "list admitted patients (record, name, ward, bed)")
    _command(commands, "verify-audit", cmd_verify_audit, "verify the audit hash chain")
    back = _command(commands, "backup", cmd_backup, "write a database-independent backup")
    back.add_argument("--to", required=True, metavar="PATH")
    back.add_argument("--force", action="store_true", help="overwrite an existing file")
    rest = _command(commands, "restore", cmd_restore, "restore a backup (starts a new epoch)")
    rest.add_argument("--from", dest="source", required=True, metavar="PATH")
    rest.add_argument("--force", action="store_true", help="replace a database that has data")
    _command(commands, "new-epoch", cmd_new_epoch,
             "after a point-in-time recovery: stations re-offer what the server lacks")  # fmt: skip
    add_print_command(commands, _command)
    add_register_command(commands, _command)
    add_codes_command(commands, _command)
    add_import_patients_command(commands, _command)
    add_device_command(commands, _command, open_database=_open_initialised, cli_audit=_cli_audit)
    add_indicators_command(commands, _command, open_database=_open_initialised)
    add_formulary_command(commands)
    add_critical_values_command(commands, _command, open_database=_open_initialised,
                                cli_audit=_cli_audit)  # fmt: skip
    cds = commands.add_parser(
        "cds-test", help="run order-check scenarios (shared cds YAML format)",
        description="Run order-check scenarios (shared cds YAML format) against the shipped "
        "formulary and knowledge base.",
    )  # fmt: skip
    cds.set_defaults(handler=cmd_cds_test)
    cds.add_argument("file", metavar="FILE", help="scenario YAML file")
    cds.add_argument("--json", action="store_true", help="one JSON object per line")
    parse = commands.add_parser(
        "parse-order", help="parse an order sentence against the shipped formulary",
        description="Parse an order sentence (English, Chinese or pinyin initials) against "
        "resources/formulary/formulary.json and print the structured order.",
    )  # fmt: skip
    parse.set_defaults(handler=cmd_parse_order)
    parse.add_argument("sentence", metavar="SENTENCE", help="e.g. 'amox 500mg po tid 7d'")
    parse.add_argument("--json", action="store_true", help="print the order as one JSON object")
    return parser


def describe_failure(exc: BaseException) -> str:
    """The one-line message an operator sees for an exception."""
    if isinstance(
        exc,
        CliError
        | BackupError
        | BadDatabaseUrl
        | ValueError
        | ConfigError
        | AuditKeyMismatch
        | UnsafeSecretFile,
    ):
        return _one_line(str(exc))
    if isinstance(exc, DBAPIError):
        return f"database error: {_one_line(str(exc.orig))}"
    if isinstance(exc, SQLAlchemyError):
        return f"database error: {_one_line(str(exc).split('(Background on this error')[0])}"
    if isinstance(exc, OSError):
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror or _one_line(str(exc))}{where}"
    return f"unexpected {type(exc).__name__}: {_one_line(str(exc))}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 failed, 2 bad usage)."""
    restrict_umask()  # every file written from here on (database, keys, backups, PDFs) is 0600
    args = build_parser().parse_args(argv)
    try:
        args.server_config = resolve_config(args)
        return int(args.handler(args))
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: error: interrupted\n")
        return 130
    except BrokenPipeError:  # `patients | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # every failure becomes one line, never a traceback
        sys.stderr.write(f"{PROG}: error: {describe_failure(exc)}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
