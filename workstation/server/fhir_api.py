"""The HL7 FHIR R4 REST API at `/fhir`, a sub-application of the server (server.app mounts it).

Read and search of the ward's resources, `Patient/{id}/$everything`, `metadata`. The same
bearer tokens as the sync API, the same role check and ward scope (reads.scope_wards: the
user's wards the device is registered to, plus break-the-glass grants; hospital-wide roles read
every ward), and every request audited with its patients. Every error is an OperationOutcome."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from workstation.clock import now_iso
from workstation.fhir.common import is_fhir_id
from workstation.fhir.rest import FHIR_JSON, SEARCH_PARAMETERS, capability_statement, dump
from workstation.fhir.rest import operation_outcome as outcome
from workstation.security.policy import FHIR_READER_ROLES
from workstation.server import audit, auth
from workstation.server.audit import AuditEntry
from workstation.server.auth import AuthError, User
from workstation.server.errors import ApiError
from workstation.server.fhir_reads import FhirReader, Refused
from workstation.server.fhir_search import SearchError

_ISSUE = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found", 405: "not-supported",
          413: "too-costly", 429: "throttled"}  # fmt: skip


def _fhir(body: bytes, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type=FHIR_JSON)


def _error(status: int, message: str) -> Response:
    response = _fhir(dump(outcome(_ISSUE.get(status, "exception"), message)), status)
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="fhir"'
    return response


def _install_errors(api: FastAPI) -> None:
    @api.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> Response:
        return _error(exc.status, str(exc))

    @api.exception_handler(AuthError)
    async def _auth_error(_request: Request, exc: AuthError) -> Response:
        status = 429 if exc.code in ("locked", "throttled") else 401
        return _error(status, str(exc))

    @api.exception_handler(SearchError)
    async def _bad_search(_request: Request, exc: SearchError) -> Response:
        return _error(400, str(exc))

    @api.exception_handler(Refused)
    async def _refused(_request: Request, exc: Refused) -> Response:
        return _error(exc.status, str(exc))

    @api.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> Response:
        return _error(400, "; ".join(str(e.get("msg")) for e in exc.errors()))

    @api.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return _error(exc.status_code, str(exc.detail))

    @api.exception_handler(Exception)
    async def _failure(_request: Request, exc: Exception) -> Response:  # logged by the server
        return _error(500, "the server failed to answer; the failure is in its log")


def create_fhir_app(engine: Engine, *, software_version: str = "0.1.0") -> FastAPI:
    """The FHIR API bound to one database engine."""
    api = FastAPI(title="Clinical Workstation FHIR R4", docs_url=None, redoc_url=None,
                  openapi_url=None)  # fmt: skip
    _install_errors(api)
    reader = FhirReader(engine)

    def caller(request: Request) -> tuple[User, str]:
        header = request.headers.get("authorization", "")
        if not header.lower().startswith("bearer "):
            raise ApiError(
                401, "no_token", "log in first (POST /auth/login) and send the bearer token"
            )
        user, device_id = auth.authenticate(engine, header[7:].strip())
        if user.role not in FHIR_READER_ROLES:
            audit.record(engine, [AuditEntry("fhir_refused", user.user_id, None, device_id,
                                             {"reason": "role", "path": request.url.path})])  # fmt: skip
            raise ApiError(403, "forbidden", f"a {user.role} reads no chart")
        return user, device_id

    def base(request: Request) -> str:  # the server's address and the mount's path
        return str(request.base_url).rstrip("/") + request.scope.get("root_path", "")

    @api.get("/metadata")
    def metadata(request: Request) -> Response:
        statement = capability_statement(base(request), software_version=software_version,
                                         now=now_iso())  # fmt: skip
        return _fhir(dump(statement))

    @api.get("/Patient/{patient_id}/$everything")
    def everything(request: Request, patient_id: str) -> Response:
        user, device = caller(request)
        bundle = reader.everything(user, device, _id(patient_id), base=base(request),
                                   url=str(request.url), query=_query(request))  # fmt: skip
        return _fhir(dump(bundle))

    @api.get("/Binary/{note_id}")
    def binary(request: Request, note_id: str) -> Response:
        user, device = caller(request)
        as_json = FHIR_JSON in request.headers.get("accept", "")
        body, media = reader.note_pdf(user, device, _id(note_id), as_json=as_json)
        return Response(body, media_type=media)

    @api.get("/{resource_type}")
    def search(request: Request, resource_type: str) -> Response:
        _known(resource_type)
        user, device = caller(request)
        bundle = reader.search(user, device, resource_type, base=base(request),
                               url=str(request.url), query=_query(request))  # fmt: skip
        return _fhir(dump(bundle))

    @api.get("/{resource_type}/{resource_id}")
    def read(request: Request, resource_type: str, resource_id: str) -> Response:
        _known(resource_type)
        user, device = caller(request)
        return _fhir(dump(reader.read(user, device, resource_type, _id(resource_id))))

    return api


def _known(resource_type: str) -> None:
    if resource_type not in SEARCH_PARAMETERS:
        raise ApiError(404, "not_found", f"this server serves no {resource_type!r} resources")


def _id(resource_id: str) -> str:
    """A FHIR id (1-64 of A-Z a-z 0-9 - .), else 400 before the database sees it."""
    if not is_fhir_id(resource_id):
        raise ApiError(400, "invalid", "a resource id is 1 to 64 letters, digits, '-' or '.'")
    return resource_id


def _query(request: Request) -> list[tuple[str, Any]]:
    return list(request.query_params.multi_items())
