"""The central server's HTTP API (FastAPI). Stateless: every request reads the database (the
polls' proven tokens aside, read again at least every second: auth_cache)."""

from __future__ import annotations

import hmac
import ipaddress
from collections import Counter
from dataclasses import asdict
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    generate_latest,
)
from sqlalchemy import Engine, text
from starlette.exceptions import HTTPException as StarletteHTTPException

from workstation.clinical.formulary_io import KINDS, ImportReport
from workstation.clock import now_iso
from workstation.domain.names import search_pinyin
from workstation.security import signing
from workstation.server import (
    alerts_api,
    audit,
    auth,
    device_keys,
    devices,
    feedback_api,
    interface_api,
    login_throttle,
    manage_roster,
    manage_routers,
    meta,
    read_audit,
    reads,
    refdata,
    rights_api,
    schema,
    signing_keys,
    sync,
    usage_api,
)
from workstation.server import requests as rq
from workstation.server.app_settings import AppSettings
from workstation.server.audit import AuditEntry
from workstation.server.audit_group import AuditGroup
from workstation.server.auth import AuthError, User
from workstation.server.auth_cache import TokenCache
from workstation.server.body_limit import BodySizeLimit
from workstation.server.db import reader, writer
from workstation.server.db_unavailable import DatabaseUnavailable
from workstation.server.device_keys import DeviceProof
from workstation.server.errors import ApiError
from workstation.server.fhir_api import create_fhir_app
from workstation.server.key_login import key_login
from workstation.server.login_throttle import NoSlot, VerificationSlots
from workstation.server.metrics import Metrics, RequestTimer
from workstation.server.pull_route import PullFastPath
from workstation.server.request_log import RequestLog
from workstation.server.requests import read_body
from workstation.server.text_guard import TextGuard
from workstation.server.write_pool import lifespan, run_write


def _json(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


def _text(data: dict[str, Any], name: str, longest: int) -> str:
    value = _field(data, name, str)
    if not 0 < len(value) <= longest:
        raise ApiError(400, "bad_request", f"{name} must be 1 to {longest} characters")
    return value


def _field(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if not isinstance(value, kind):
        raise ApiError(400, "bad_request", f"{name} is required ({kind.__name__})")
    return value


AUTH_STATUS = {
    "locked": 429, "throttled": 429, "busy": 503,
    "device_mismatch": 403, "device_revoked": 403, "device_stale": 403,
}  # fmt: skip


def _may_read_metrics(request: Request, token: str | None) -> bool:
    """With a token: the bearer token, compared in constant time. Without: a loopback peer whose
    request came through no proxy (a local proxy would make every client look local)."""
    header = request.headers.get("authorization", "")
    if token is not None:
        given = header[7:].strip() if header.lower().startswith("bearer ") else ""
        return hmac.compare_digest(given.encode(), token.encode())
    if "x-forwarded-for" in request.headers or "forwarded" in request.headers:
        return False
    try:
        return request.client is not None and ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False


def create_app(engine: Engine, settings: AppSettings | None = None) -> FastAPI:
    """The API bound to one database engine. X-Forwarded-For is believed only from the
    settings' trusted_proxies (addresses or networks); its login_policy sets the login throttle."""
    settings = settings or AppSettings()
    app = FastAPI(title="Clinical Workstation server", docs_url=None, redoc_url=None,
                  lifespan=lifespan)  # fmt: skip
    metrics = Metrics()
    policy = settings.login_policy or auth.DEFAULT_POLICY
    proxies = login_throttle.trusted_networks(settings.trusted_proxies)
    slots = VerificationSlots(policy.concurrent_verifications, policy.slot_wait_seconds)
    pull_audit = AuditGroup(engine)
    metrics.checks.set_function(lambda: slots.in_use)
    auth.prepare()
    search_pinyin("病")  # load the pinyin tables now, not in the first push after an outage

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> Response:
        return _json({"error": exc.code, "message": str(exc)}, exc.status)

    @app.exception_handler(RequestValidationError)
    async def _bad_parameters(_request: Request, exc: RequestValidationError) -> Response:
        return _json({"error": "bad_request", "message": rq.validation_message(exc.errors())}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return _json({"error": code, "message": str(exc.detail)}, exc.status_code)

    @app.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> Response:
        response = _json({"error": exc.code, "message": str(exc)}, AUTH_STATUS.get(exc.code, 401))
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    tokens = TokenCache(engine)  # the polls' proven tokens, re-read every auth_cache.SWEEP_S

    def pull_page(
        user: User, device_id: str, after: int, limit: int, sink: reads.AuditSink | None = None
    ) -> dict[str, Any]:
        page = reads.pull(engine, user=user, device_id=device_id, after=after, limit=limit,
                          audit_sink=sink or pull_audit.record)  # fmt: skip
        metrics.pulled.inc(len(page["events"]))
        return page

    app.add_middleware(
        PullFastPath, tokens=tokens, pull=pull_page, audit=pull_audit
    )  # innermost: a poll's path
    app.add_middleware(RequestTimer, histogram=metrics.requests)
    app.add_middleware(DatabaseUnavailable)  # a lost connection: retried once where safe, or 503
    app.add_middleware(TextGuard)  # no NUL reaches SQL from any route (inside the body limit)
    app.add_middleware(BodySizeLimit)  # counts the body before anything reads it
    app.add_middleware(RequestLog)  # outermost: a refused body is logged with its id too
    rq.install_openapi(app)

    def current(request: Request) -> tuple[User, str]:  # on a thread: reads the database
        return auth.authenticate(engine, _bearer(request))

    async def current_async(request: Request) -> tuple[User, str]:  # never blocks the loop
        return await _threaded(auth.authenticate, engine, _bearer(request))  # type: ignore[no-any-return]

    app.include_router(alerts_api.router(engine))
    app.include_router(rights_api.router(engine))
    app.include_router(interface_api.router(engine))
    app.include_router(usage_api.router(engine, settings.usage_retention_days))
    app.include_router(feedback_api.router(engine))  # anonymous: nothing of the sender kept
    for manage_router in manage_routers.ROUTERS:
        app.include_router(manage_router(engine))
    app.mount("/fhir", create_fhir_app(engine))  # FHIR R4: its own errors (OperationOutcome)

    @app.get("/healthz")
    def healthz() -> Response:
        return _json({"status": "ok"})

    head = schema.head_revision()  # read once: the proxy asks /readyz every second

    @app.get("/readyz")
    def readyz() -> Response:
        try:
            with reader(engine) as conn:
                at = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception as exc:  # noqa: BLE001 - any database failure means not ready
            return _json({"status": "not ready", "reason": type(exc).__name__}, 503)
        if at != head:
            return _json(
                {"status": "not ready", "reason": "schema is not at the newest migration"}, 503
            )
        return _json({"status": "ready"})

    @app.get("/metrics")
    def prometheus(request: Request) -> Response:
        if not _may_read_metrics(request, settings.metrics_token):
            if settings.metrics_token is None:
                raise ApiError(404, "not_found", "not found")
            raise ApiError(401, "no_token", "/metrics needs the metrics bearer token")
        return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.post("/auth/login", openapi_extra=rq.body_openapi(rq.LoginBody))
    async def login(request: Request) -> Response:
        data = await read_body(request, rq.LoginBody)
        signing_key = _signing_key(data)
        peer = request.client.host if request.client else None
        who = {
            "username": _field(data, "username", str), "device_id": _field(data, "device_id", str),
            "client_address": login_throttle.client_address(
                peer, ", ".join(request.headers.getlist("x-forwarded-for")), proxies),
            "policy": policy,
        }  # fmt: skip
        password = _field(data, "password", str)
        proof = _device_proof(data)
        try:
            await _threaded(device_keys.check_login, engine, device_id=who["device_id"],
                            user=who["username"], proof=proof, take_nonce=True,
                            address=who["client_address"])  # fmt: skip
            await _threaded(auth.check_throttle, engine, **who)  # a throttled try needs no slot
            try:
                async with slots.slot():
                    result = await _threaded(auth.login, engine, password=password, **who)
            except NoSlot:
                raise AuthError("busy", "the server is busy with other logins; try again",
                                retry_after=1) from None  # fmt: skip
            await _threaded(device_keys.claim_after_login, engine, result,
                            device_id=who["device_id"], proof=proof)  # fmt: skip
        except AuthError as exc:
            metrics.logins.labels(exc.code).inc()
            raise
        if signing_key is not None:  # registered only under a password just proven
            _register_key(engine, result["user"]["user_id"], who["device_id"], signing_key)
        metrics.logins.labels("ok").inc()
        return _json(result)

    @app.post("/auth/key-login", openapi_extra=rq.body_openapi(rq.KeyLoginBody))
    async def key_login_route(request: Request) -> Response:
        data = await read_body(request, rq.KeyLoginBody)
        fields = {name: _field(data, name, str)
                  for name in ("user_id", "device_id", "issued_at", "nonce", "signature")}  # fmt: skip
        proof, device = _device_proof(data), fields["device_id"]
        await _threaded(device_keys.check_login, engine, device_id=device,
                        user=fields["user_id"], proof=proof, take_nonce=False)  # fmt: skip
        result = await _threaded(key_login, engine, **fields)
        await _threaded(
            device_keys.claim_after_login, engine, result, device_id=device, proof=proof
        )
        return _json(result)

    @app.post("/auth/refresh", openapi_extra=rq.body_openapi(rq.RefreshBody))
    async def refresh(request: Request) -> Response:
        data = await read_body(request, rq.RefreshBody)
        return _json(auth.refresh(engine, _field(data, "refresh_token", str)))

    @app.post("/auth/logout")
    def logout(request: Request) -> Response:
        current(request)
        auth.logout(engine, _bearer(request))
        tokens.forget(_bearer(request))  # at once for this process's polls too
        return _json({"status": "logged out"})

    @app.post("/devices/register", openapi_extra=rq.body_openapi(rq.DeviceRegistration))
    async def register(request: Request) -> Response:
        user, device_id = await current_async(request)
        data = await read_body(request, rq.DeviceRegistration)
        ward_id = _text(data, "ward_id", 32)
        with writer(engine) as conn:
            problem = devices.registration_problem(conn, user, ward_id)
            if problem is None:
                result = devices.register(conn, device_id=device_id, ward_id=ward_id)
            action = "device_registered" if problem is None else "device_register_refused"
            detail = {"ward_id": ward_id} | ({"reason": problem} if problem else {})
            audit.append(conn, [AuditEntry(action, user.user_id, None, device_id, detail)])
        if problem is not None:
            raise ApiError(403, "forbidden_ward", problem)
        return _json(result)

    @app.get("/sync/hello")
    def hello(request: Request) -> Response:
        user, _device = current(request)
        with reader(engine) as conn:
            return _json({
                "epoch": meta.epoch(conn), "server_time": now_iso(),
                "refdata": manage_roster.readable_versions(user, refdata.versions(conn)),
            })  # fmt: skip

    @app.post("/sync/push", openapi_extra=rq.body_openapi(rq.PushBatch))
    async def push(request: Request) -> Response:
        # who it is, before its body is read: the polls' proven tokens (no database read), else
        # the database; proven again in the push's own write transaction (sync.push)
        token = _bearer(request)
        gate = tokens.cached(token) or await _threaded(tokens.authenticate, token)
        user, device_id = gate.user, gate.device_id
        data = await read_body(request, rq.PushBatch)
        batch = _field(data, "events", list)
        if len(batch) > sync.MAX_PUSH_BATCH:
            raise ApiError(413, "batch_too_large", f"at most {sync.MAX_PUSH_BATCH} events per push")
        sync_id = data.get("sync_id")
        if sync_id is not None and not (
            isinstance(sync_id, str) and 0 < len(sync_id) <= 64 and "\x00" not in sync_id
        ):
            raise ApiError(400, "bad_request", "sync_id must be a text of 1 to 64 characters")
        result = await run_write(sync.push, engine, pusher=user, device_id=device_id,
                                 wire_events=batch, bound_device_time=True, sync_id=sync_id,
                                 access_token=token)  # fmt: skip
        for status, count in Counter(item["status"] for item in result["results"]).items():
            metrics.events.labels(status).inc(count)  # once per status, not once per event
        return _json(result)

    @app.get("/sync/pull")
    async def pull(request: Request, after: rq.Cursor = 0, limit: rq.PageSize = 1000) -> Response:
        # well-formed polls are answered by PullFastPath before routing; this answers the rest
        proven = tokens.cached(_bearer(request)) or await _threaded(
            tokens.authenticate, _bearer(request)
        )
        user, device_id = proven.user, proven.device_id
        return _json(await _threaded(pull_page, user, device_id, after, limit))

    @app.get("/sync/patients/{patient_id}/history")
    def history(request: Request, patient_id: rq.PatientPath) -> Response:
        user, device_id = current(request)
        found = reads.patient_history(engine, user=user, device_id=device_id, patient_id=patient_id)
        action = "chart_backfill" if found is not None else "chart_refused"
        audit.record(engine, [AuditEntry(action, user.user_id, patient_id, device_id)])
        if found is None:
            raise ApiError(
                403, "out_of_scope", "this patient is on another ward; use break-the-glass"
            )
        return _json(found)

    @app.get("/patients/lookup")
    def lookup(request: Request, record_number: rq.RecordNumber) -> Response:
        user, device_id = current(request)
        if not 0 < len(record_number) <= 64:
            raise ApiError(400, "bad_request", "record_number must be 1 to 64 characters")
        found = reads.lookup(engine, user=user, device_id=device_id, record_number=record_number)
        audit.record(engine, [AuditEntry(
            "patient_lookup", user.user_id, found["patient_id"] if found else None, device_id,
            {"record_number": record_number},
        )])  # fmt: skip
        if found is None:
            raise ApiError(404, "not_found", "no patient with that record number")
        return _json(found)

    @app.post("/sync/digest", openapi_extra=rq.body_openapi(rq.DigestRequest))
    async def digest(request: Request) -> Response:
        user, device_id = await current_async(request)
        body = await read_body(request, rq.DigestRequest)
        ids = _field(body, "patient_ids", list)
        if len(ids) > reads.MAX_DIGEST_PATIENTS or not all(
            isinstance(i, str) and 0 < len(i) <= 36 for i in ids
        ):
            raise ApiError(
                400, "bad_request", f"patient_ids: up to {reads.MAX_DIGEST_PATIENTS} ids"
            )
        upto = body.get("upto")
        if upto is not None and (not isinstance(upto, int) or isinstance(upto, bool)):
            raise ApiError(400, "bad_request", "upto must be an integer server_seq")
        return _json(await _threaded(reads.digests, engine, user=user, device_id=device_id,
                                     patient_ids=ids, upto=upto))  # fmt: skip

    @app.post("/audit/reads", openapi_extra=rq.body_openapi(rq.ReadAudit))
    async def audit_reads(request: Request) -> Response:
        user, device_id = await current_async(request)
        entries = _field(await read_body(request, rq.ReadAudit), "entries", list)
        if len(entries) > read_audit.MAX_ENTRIES:
            raise ApiError(413, "batch_too_large", f"at most {read_audit.MAX_ENTRIES} entries")
        results = await _threaded(read_audit.record_reads, engine, user=user, device_id=device_id,
                                  entries=entries)  # fmt: skip
        recorded = sum(r["status"] == "recorded" for r in results)
        return _json({"recorded": recorded, "results": results})

    @app.get("/refdata")
    def refdata_versions(request: Request) -> Response:
        user, _device = current(request)
        with reader(engine) as conn:
            return _json(manage_roster.readable_versions(user, refdata.versions(conn)))

    @app.get("/refdata/{name}")
    def refdata_snapshot(request: Request, name: rq.RefdataName) -> Response:
        user, _device = current(request)
        if name not in manage_roster.readable_versions(user, {name: 0}):
            raise ApiError(403, "forbidden", "another ward's roster")
        with reader(engine) as conn:
            found = refdata.snapshot(conn, name)
        if found is None:
            raise ApiError(404, "not_found", f"no reference data called {name!r}")
        return _json(found)

    @app.post("/refdata/{name}", openapi_extra=rq.body_openapi(rq.RefdataUpload))
    async def refdata_publish(request: Request, name: rq.RefdataName) -> Response:
        user, device_id = await current_async(request)
        if name not in KINDS:
            raise ApiError(404, "not_found", f"only {' and '.join(KINDS)} can be published")
        if user.role not in refdata.PUBLISHER_ROLES:
            raise ApiError(403, "forbidden", f"a {user.role} may not publish the {name}")
        data = await read_body(request, rq.RefdataUpload)
        rows, source = _table(data), str(data.get("source") or "")[:200]
        report, version = await _threaded(_publish, engine, user, device_id, name, rows, source)
        if version is None:
            return _json({"error": "invalid_rows", "message": report.text(),
                          "problems": [asdict(p) for p in report.problems]}, 422)  # fmt: skip
        return _json({"name": name, "version": version, "rows": len(report.records)})

    return app


def _bearer(request: Request) -> str:
    """The request's bearer token; 401 without one."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("bearer "):
        raise ApiError(401, "no_token", "log in first (missing bearer token)")
    return header[7:].strip()


def _signing_key(data: dict[str, Any]) -> str | None:
    """The optional base64 public key of a login body; 400 when it is not an Ed25519 key."""
    value = data.get("signing_key")
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 64:
        raise ApiError(400, "bad_request", "signing_key must be a base64 Ed25519 public key")
    try:
        signing.load_public_key(value)
    except ValueError as exc:
        raise ApiError(400, "bad_request", f"signing_key: {exc}") from exc
    return value


def _device_proof(data: dict[str, Any]) -> DeviceProof | None:
    """The login body's device credential; 400 when its key is not an Ed25519 key."""
    proof = DeviceProof.of(data)
    if proof is not None:
        try:
            signing.load_public_key(proof.public_key)
        except ValueError as exc:
            raise ApiError(400, "bad_request", f"device_key: {exc}") from exc
    return proof


def _register_key(engine: Engine, user_id: str, device_id: str, public_key: str) -> None:
    """Register a login's signing key for (user, device), audited."""
    with writer(engine) as conn:
        try:
            key_id = signing_keys.register(
                conn, user_id=user_id, device_id=device_id, public_key=public_key
            )
        except ValueError as exc:
            raise ApiError(409, "key_taken", str(exc)) from exc
        audit.append(conn, [AuditEntry("signing_key_registered", user_id, None, device_id,
                                       {"key_id": key_id})])  # fmt: skip


def _table(data: dict[str, Any]) -> list[dict[str, str]]:
    """The uploaded spreadsheet rows: a list of objects whose cells are all text."""
    rows = _field(data, "rows", list)
    for number, row in enumerate(rows, start=2):
        if not isinstance(row, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in row.items()
        ):
            raise ApiError(400, "bad_request", f"row {number}: must be an object of text cells")
    return rows


def _publish(
    engine: Engine, user: User, device_id: str, name: str, rows: list[dict[str, str]], source: str
) -> tuple[ImportReport, int | None]:
    """Check and publish in one transaction, audited; nothing is written for a bad table, and
    no audit row for a table identical to the one in force (no new version was published)."""
    with writer(engine) as conn:
        report, version, new = refdata.publish_checked(conn, name, rows)
        if version is not None and new:
            detail = {
                "name": name,
                "version": version,
                "rows": len(report.records),
                "source": source,
            }
            audit.append(
                conn, [AuditEntry("refdata_published", user.user_id, None, device_id, detail)]
            )
    return report, version


async def _threaded(func: Any, *args: Any, **kwargs: Any) -> Any:
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(func, *args, **kwargs)
