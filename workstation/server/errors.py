"""The API's refusals: an HTTP status, a stable code and a message for people."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code = status, code


def body_openapi(model_name: str) -> dict[str, Any]:
    """`openapi_extra` documenting the request model `model_name` (server.requests, listed in its
    REQUEST_MODELS) as a route's JSON request body."""
    ref = {"$ref": f"#/components/schemas/{model_name}"}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": ref}}}}
