"""The API's refusals: an HTTP status, a stable code and a message for people."""

from __future__ import annotations


class ApiError(Exception):
    """A refusal with an HTTP status, a stable code and a message for people."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code = status, code
