"""FHIR JSON of fhir.resources models, byte for byte what their own `model_dump_json(by_alias=True,
exclude_none=True)` writes, at a fraction of its cost.

fhir.resources (fhir_core) serializes through a wrap serializer that re-enters pydantic for every
nested element (a Coding, a Reference) and sets and restores two validated attributes on each:
about 1 ms per Observation, most of a 200-resource $everything page. This walks the same thing
from the models' own metadata: the class's element order (`elements_sequence`), its aliases
(`class`, `_lastUpdated` extensions), which fields are primitives, the resource type of resources;
primitive values are turned into JSON values by fhir_core's own `_serialize_primitive_value`
(decimals, base64, uuids) and written by pydantic_core, as the model's serializer does.
tests/unit/test_fhir_mapping.py compares it with model_dump_json; tests/integration/test_fhir_api.py
re-serializes every Bundle the API returns through the models."""

from __future__ import annotations

from functools import cache
from typing import Any

from fhir_core.fhirabstractmodel import FHIRAbstractModel
from fhir_core.utils import is_primitive_type
from pydantic_core import to_json

# (attribute, JSON name, field info when primitive else None, extension attribute, its JSON name)
_Plan = tuple[tuple[str, str, Any, str | None, str | None], ...]


@cache
def _plan(cls: Any) -> _Plan:
    aliases, fields = cls.get_alias_mapping(), cls.model_fields
    steps = []
    for element in cls.elements_sequence():
        key = aliases[element]
        info = fields[key]
        primitive = is_primitive_type(info)
        ext = f"{key}__ext" if primitive and f"{key}__ext" in fields else None
        steps.append((key, info.alias or key, info if primitive else None, ext,
                      (fields[ext].alias or ext) if ext else None))  # fmt: skip
    return tuple(steps)


def plain(model: FHIRAbstractModel) -> dict[str, Any]:
    """The model as a dict of JSON-ready values (nulls and empty lists left out)."""
    out: dict[str, Any] = {}
    cls: Any = type(model)
    if cls.has_resource_base():
        out["resourceType"] = model.__resource_type__
    values = model.__dict__
    for key, name, primitive, ext, ext_name in _plan(cls):
        value = values.get(key)
        if value is not None:
            value = (_primitive(model, value, primitive) if primitive is not None
                     else _complex(value))  # fmt: skip
            if value is not None and value != []:
                out[name] = value
        if ext is not None:
            extension = values.get(ext)
            extension = None if extension is None else _complex(extension)
            if extension:  # an empty extension list or element is left out
                out[ext_name] = extension  # type: ignore[index]
    comments = values.get("fhir_comments")
    if comments is not None:
        out["fhir_comments"] = comments
    return out


def _primitive(model: FHIRAbstractModel, value: Any, info: Any) -> Any:
    return model._serialize_primitive_value(value, info)


def _complex(value: Any) -> Any:
    if isinstance(value, list):
        return [_complex(v) for v in value]
    if isinstance(value, FHIRAbstractModel):
        return plain(value)
    return value


def dump_json(model: FHIRAbstractModel) -> bytes:
    """The model as FHIR JSON bytes."""
    return to_json(plain(model))
