"""Independent FHIR R4 (4.0.1) validation of what /fhir returns: SMART's fhirclient models
(generated from FHIR 4.0.1, strict: an unknown element, a wrong type or a missing required one
fails) and @medplum/core's validateResource on node (tests/support/fhir_validator)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from fhirclient.models.fhirelementfactory import FHIRElementFactory

VALIDATOR = Path(__file__).parent / "fhir_validator"


def fhirclient_problems(resources: list[dict[str, Any]]) -> list[str]:
    """Why each resource fails fhirclient's strict R4 parse (empty: all parse)."""
    problems = []
    for resource in resources:
        try:
            parsed = FHIRElementFactory.instantiate(resource["resourceType"], resource)
            if parsed.resource_type != resource["resourceType"]:
                problems.append(f"{resource['resourceType']}: not an R4 resource type")
        except Exception as exc:  # noqa: BLE001 - FHIRValidationError and its causes
            problems.append(f"{resource['resourceType']}/{resource.get('id')}: {exc}")
    return problems


def node_validator() -> list[str]:
    """The command that runs the medplum validator (installer/dev-setup.sh installs node and
    the package: a machine without them fails the test rather than skip the validator)."""
    node = shutil.which("node")
    if node is None or not (VALIDATOR / "node_modules" / "@medplum" / "core").is_dir():
        raise RuntimeError(
            f"no node, or npm ci was not run in {VALIDATOR}: run installer/dev-setup.sh"
        )
    return [node, str(VALIDATOR / "validate.mjs")]


def medplum_problems(command: list[str], resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The medplum validator's failures for these resources (empty: all valid)."""
    done = subprocess.run(command, input=json.dumps(resources).encode(), capture_output=True,
                          timeout=120, check=True, cwd=VALIDATOR)  # fmt: skip
    return json.loads(done.stdout)
