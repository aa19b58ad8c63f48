"""The request bodies of the sync API as pydantic models: checked before any field reaches SQL
(the same on SQLite and PostgreSQL), and documented in /openapi.json.

A route reads its body with `read_body(request, Model)`: orjson decodes it (the streaming size
limit of `body_limit` has already bounded it), the model checks it strictly (no coercion), and the
route gets the decoded dict back, so the wire format is exactly what the stations send."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import FastAPI, Path, Query, Request
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)

from workstation.events.envelope import MAX_DEVICE_SEQ, PATIENT_ID_MAX_LENGTH
from workstation.server import errors
from workstation.server.errors import ApiError
from workstation.server.reads import MAX_PULL_PAGE
from workstation.server.sync import MAX_PUSH_BATCH
from workstation.server.usage_api import MAX_RECORDS
from workstation.telemetry.feedback import CATEGORIES as FEEDBACK_CATEGORIES
from workstation.telemetry.feedback import MAX_TAGS as FEEDBACK_TAGS
from workstation.telemetry.feedback import MAX_TEXT as FEEDBACK_TEXT

MAX_SEQ = 2**63 - 1  # a BIGINT column on PostgreSQL, an INTEGER on SQLite
NO_NUL = r"^[^\x00]*$"  # PostgreSQL refuses a NUL character in text; SQLite would store it


Seq = Annotated[int, Field(ge=0, le=MAX_SEQ)]
Text32 = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=NO_NUL)]
Text36 = Annotated[str, StringConstraints(min_length=1, max_length=36, pattern=NO_NUL)]
Text40 = Annotated[str, StringConstraints(min_length=1, max_length=40, pattern=NO_NUL)]
Text64 = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL)]
PatientId = Annotated[
    str, StringConstraints(min_length=1, max_length=PATIENT_ID_MAX_LENGTH, pattern=NO_NUL)
]


# Query and path parameters (FastAPI checks them; a failure is the same 400 as a bad body)
Cursor = Annotated[int, Query(ge=0, le=MAX_SEQ, description="the last server_seq already held")]
PageSize = Annotated[int, Query(ge=1, le=MAX_PULL_PAGE, description="events per page at most")]
PatientPath = Annotated[str, Path(min_length=1, max_length=PATIENT_ID_MAX_LENGTH, pattern=NO_NUL)]
AlertPath = Annotated[str, Path(min_length=1, max_length=36, pattern=NO_NUL)]
RecordNumber = Annotated[str, Query(min_length=1, max_length=32, pattern=NO_NUL)]
RefdataName = Annotated[str, Path(min_length=1, max_length=40, pattern=NO_NUL)]


class _Body(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


Text128 = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=NO_NUL)]
PublicKey = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=NO_NUL)]


class LoginBody(_Body):
    """POST /auth/login; `signing_key` is the station's fresh Ed25519 public key (base64),
    registered for this user and device once the password is proven. `device_key` and
    `device_proof` (its signature of username, device_id, issued_at and nonce) prove the device
    id (workstation.server.device_keys)."""

    username: Text64
    password: Annotated[str, StringConstraints(max_length=1024)]
    device_id: Text64
    signing_key: PublicKey | None = None
    device_key: PublicKey | None = None
    device_proof: Text128 | None = None
    issued_at: Text32 | None = None
    nonce: Text64 | None = None


class KeyLoginBody(_Body):
    """POST /auth/key-login: a station resuming an offline login proves the user's signing key
    (`signature`) and its device key (`device_proof` over user_id, device_id, issued_at, nonce)."""

    user_id: Text64
    device_id: Text64
    issued_at: Text32
    nonce: Text64
    signature: Text128
    device_key: PublicKey | None = None
    device_proof: Text128 | None = None


class RefreshBody(_Body):
    """POST /auth/refresh."""

    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=NO_NUL)]


class DeviceRegistration(_Body):
    """POST /devices/register: the ward this workstation stands on."""

    ward_id: Text32


class WireEvent(_Body):
    """One event as a workstation sends it (workstation.events.envelope.event_from_wire)."""

    event_id: Text36
    type: Text40
    patient_id: PatientId | None
    author_id: Text64
    device_id: Text64
    device_seq: Annotated[int, Field(ge=1, le=MAX_DEVICE_SEQ)]
    recorded_at: Text32
    payload: dict[str, Any]
    signature: Text128 | None = None  # the author's Ed25519 signature; required by the server


_EVENTS_SCHEMA = {
    "type": "array",
    "items": WireEvent.model_json_schema(),
    "maxItems": MAX_PUSH_BATCH,
}


class PushBatch(_Body):
    """POST /sync/push. Each event is judged on its own: a malformed one is answered
    `rejected("malformed")` in the results, so the list itself is only checked to be a list."""

    events: Annotated[list[Any], WithJsonSchema(_EVENTS_SCHEMA)]


class DigestRequest(_Body):
    """POST /sync/digest: the patients to compare, up to the asker's pull cursor."""

    patient_ids: Annotated[list[PatientId], Field(max_length=100_000)]
    upto: Seq | None = None


class ReadEntry(_Body):
    """One audited read (chart opened, print, lock...) queued on a workstation."""

    action: Text40
    entry_id: Text36 | None = None
    user_id: Text64 | None = None
    patient_id: PatientId | None = None
    at: Text32 | None = None
    signature: Text128 | None = None  # by user_id's key, when it is not the token's user


_ENTRIES_SCHEMA = {"type": "array", "items": ReadEntry.model_json_schema()}


class ReadAudit(_Body):
    """POST /audit/reads. Each entry is judged on its own (workstation.server.read_audit): a bad
    one is answered `refused` in the results and stays queued on its station, so one malformed
    entry never blocks the rest of the queue; the list itself is only checked to be a list."""

    entries: Annotated[list[Any], WithJsonSchema(_ENTRIES_SCHEMA)]


_ROWS_SCHEMA = {
    "type": "array",
    "items": {"type": "object", "additionalProperties": {"type": "string"}},
}


class RefdataUpload(_Body):
    """POST /refdata/{name}: the spreadsheet's rows, every cell as text (checked row by row, so
    that a refusal names the spreadsheet row)."""

    rows: Annotated[list[Any], WithJsonSchema(_ROWS_SCHEMA)]
    source: Annotated[str, StringConstraints(max_length=1000)] | None = None


class UsageRecords(_Body):
    """POST /usage/records: a station's usage records, each checked on its own by
    workstation.telemetry.records (code identifiers, bounded numbers and times; no patient data)."""

    records: Annotated[list[Any], WithJsonSchema(
        {"type": "array", "maxItems": MAX_RECORDS, "items": {"type": "object"}})]  # fmt: skip


class FeedbackBody(_Body):
    """POST /feedback: one anonymous item (workstation.telemetry.feedback); the server keeps no
    user, device or time finer than the day, and the ward only where five or more users work."""

    feedback_id: Annotated[str, StringConstraints(min_length=36, max_length=36)]  # a UUIDv4
    category: Annotated[str, WithJsonSchema({"type": "string", "enum": list(FEEDBACK_CATEGORIES)})]
    text: Annotated[str, StringConstraints(min_length=1, max_length=FEEDBACK_TEXT)]
    day: Annotated[str, StringConstraints(max_length=10)] | None = None  # YYYY-MM-DD
    ward_id: Annotated[str, StringConstraints(max_length=32)] | None = None


class FeedbackAnswer(_Body):
    """POST /feedback/{feedback_id}/answer: the quality office's tags and answer (audited)."""

    tags: Annotated[list[str], Field(max_length=FEEDBACK_TAGS)]
    answer: Annotated[str, StringConstraints(max_length=FEEDBACK_TEXT)] | None = None


REQUEST_MODELS: tuple[type[BaseModel], ...] = (
    LoginBody, KeyLoginBody, RefreshBody, DeviceRegistration, PushBatch, DigestRequest, ReadAudit, RefdataUpload,
    UsageRecords, FeedbackBody, FeedbackAnswer,
)  # fmt: skip


async def read_body(request: Request, model: type[BaseModel]) -> dict[str, Any]:
    """The request's JSON object, checked against model; ApiError 400 when it is not."""
    raw = await request.body()
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, "bad_json", f"request body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "request body must be a JSON object")
    try:
        model.model_validate(data)
    except ValidationError as exc:
        raise ApiError(400, "bad_request", validation_message(exc.errors())) from None
    return data


_KINDS = {"string_type": "text", "int_type": "an integer", "list_type": "a list",
          "model_type": "an object", "dict_type": "an object"}  # fmt: skip


def validation_message(errors: Any) -> str:
    """One readable line for pydantic's (or FastAPI's) validation errors, without the input."""
    parts = []
    for error in list(errors)[:10]:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path")]
        where, kind = ".".join(loc) or "request", error.get("type", "")
        if kind == "missing":
            parts.append(f"{where} is required")
        elif kind in _KINDS:
            parts.append(f"{where} must be {_KINDS[kind]}")
        elif kind == "string_pattern_mismatch":
            parts.append(f"{where} must not contain a NUL character")
        else:
            parts.append(f"{where}: {error.get('msg', 'is not valid')}")
    return "; ".join(parts)


def body_openapi(model: type[BaseModel]) -> dict[str, Any]:
    """`openapi_extra` documenting model as a route's JSON request body."""
    return errors.body_openapi(model.__name__)


def install_openapi(app: FastAPI) -> None:
    """Put the request models into the app's /openapi.json and document the API's own error
    shape (`{"error", "message"}`, status 400) where FastAPI would document its 422."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = build()
        schemas = schema.setdefault("components", {}).setdefault("schemas", {})
        for model in REQUEST_MODELS:
            found = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(found.pop("$defs", {}))
            schemas[model.__name__] = found
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["ApiError"] = ApiErrorBody.model_json_schema()
        error = {"description": "Refused", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/ApiError"}}}}  # fmt: skip
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.setdefault("responses", {})
                if responses.pop("422", None) is not None or "requestBody" in operation:
                    responses["400"] = error
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


class ApiErrorBody(BaseModel):
    """Every refusal: a stable code and a message for people."""

    error: str
    message: str
