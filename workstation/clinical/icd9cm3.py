"""The ICD-9-CM-3 procedure list the front sheet codes operations and procedures from.

Shipped as resources/reference/icd9cm3_procedures.tsv (US NCHS/CMS ICD-9-CM Volume 3, public
domain, as packaged by trytond-health-icd9procs 3.2.10); a hospital's 国家临床版 3.0 rows (codes
such as `36.0700x001`, Chinese names) can be laid over it, each under a listed code."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from workstation.domain.names import search_initials
from workstation.resources import resource

EDITION = "ICD-9-CM Volume 3 (CMS, as in trytond-health-icd9procs 3.2.10)"
_CODE = re.compile(r"^\d{2}(\.\d{1,2})?(\d{2}(x\d{3})?)?$")


@dataclass(frozen=True, slots=True)
class Procedure:
    """One codable operation or procedure."""

    code: str
    name_en: str
    name_zh: str = ""

    def name(self, language: str) -> str:
        """The title in language ("zh" or "en"), the other one when it has none."""
        if language == "zh":
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class ProcedureCodeError(ValueError):
    """A procedure code that is not on the list."""


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Procedure]:
    rows: dict[str, Procedure] = {}
    for line in resource("reference", "icd9cm3_procedures.tsv").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            code, title = line.split("\t", 1)
            rows[code] = Procedure(code, title.strip())
    return rows


class ProcedureCatalogue:
    """The codable procedures: the shipped list plus any clinical-edition rows."""

    def __init__(self, extra: Mapping[str, Procedure] | None = None) -> None:
        self._extra = dict(extra or {})

    def with_clinical_edition(self, rows: Iterable[Mapping[str, str]]) -> ProcedureCatalogue:
        """A catalogue with the hospital's 国家临床版 3.0 rows (code, name_zh[, name_en]) laid over."""
        extra = dict(self._extra)
        for number, row in enumerate(rows, start=2):
            code = row.get("code", "").strip()
            base = _shipped().get(code[:5]) or _shipped().get(code[:4])
            if not _CODE.match(code) or base is None or not (row.get("name_zh") or "").strip():
                raise ProcedureCodeError(f"row {number}: {code!r} is not under a listed code")
            extra[code] = Procedure(
                code, row.get("name_en") or base.name_en, row["name_zh"].strip()
            )
        return ProcedureCatalogue(extra)

    def get(self, code: str) -> Procedure | None:
        """The procedure coded code, or None."""
        code = code.strip()
        return self._extra.get(code) or _shipped().get(code)

    def require(self, code: str) -> Procedure:
        """The procedure coded code; ProcedureCodeError when it is not listed."""
        found = self.get(code)
        if found is None:
            raise ProcedureCodeError(f"{code!r} is not an ICD-9-CM-3 procedure code ({EDITION})")
        return found

    def search(self, query: str, limit: int = 20) -> list[Procedure]:
        """Procedures matching a code prefix, a Chinese name, pinyin initials or English words."""
        query = query.strip()
        if not query:
            return []
        every = {**_shipped(), **self._extra}
        lower = query.lower()
        if query[:1].isdigit():
            hits = [p for c, p in every.items() if c.startswith(query)]
        elif re.search(r"[\u4e00-\u9fff]", query):
            hits = [p for p in every.values() if query in p.name_zh]
        else:
            hits = [p for p in self._extra.values() if search_initials(p.name_zh).startswith(lower)]
            hits += [p for p in every.values() if lower in p.name_en.lower()]
        return list({p.code: p for p in hits}.values())[:limit]


@lru_cache(maxsize=1)
def default_procedures() -> ProcedureCatalogue:
    """The shipped procedure catalogue."""
    return ProcedureCatalogue()
