"""The formulary and interaction knowledge in force: the newest snapshots the pharmacy published
through the server (reference data "formulary" and "interactions"), else the shipped files.

The server checks a file before it publishes it (formulary_io), so a published snapshot is as
good as a shipped file; every station keeps the newest one in its replica and works offline.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workstation.clinical.formulary import Formulary, default_formulary, formulary_from_document
from workstation.clinical.knowledge import Knowledge, default_knowledge, load_knowledge

FORMULARY, INTERACTIONS = "formulary", "interactions"  # their reference-data names
REFERENCE_NAMES = (FORMULARY, INTERACTIONS)


@dataclass(frozen=True)
class InForce:
    """The formulary and the order-check knowledge built on it, with the snapshot versions they
    came from (no entry for a part still shipped)."""

    formulary: Formulary
    knowledge: Knowledge
    versions: Mapping[str, int] = field(default_factory=dict)

    @property
    def formulary_version(self) -> int | None:
        """The published formulary's version, None while the shipped one is in force."""
        return self.versions.get(FORMULARY)


def shipped() -> InForce:
    """The shipped formulary and knowledge (nothing published yet)."""
    return InForce(default_formulary(), default_knowledge())


def in_force(snapshots: Mapping[str, tuple[int, Mapping[str, Any]]]) -> InForce:
    """Build what is in force from published snapshots (name -> (version, document)); a part
    without a snapshot is the shipped file. FormularyError or KnowledgeError name a bad one."""
    if not snapshots:
        return shipped()
    published_formulary = snapshots.get(FORMULARY)
    published_rules = snapshots.get(INTERACTIONS)
    formulary = (
        formulary_from_document(published_formulary[1])
        if published_formulary
        else default_formulary()
    )
    knowledge = load_knowledge(
        formulary=formulary, interactions=published_rules[1] if published_rules else None
    )
    versions = {name: version for name, (version, _document) in snapshots.items()}
    return InForce(formulary, knowledge, versions)
