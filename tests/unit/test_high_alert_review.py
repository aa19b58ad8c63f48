"""The pharmacist's high-alert list and the ▲ mark: every high-alert drug, its ceilings with
sources, which numbers want local review; the README's table in step with the formulary."""

from __future__ import annotations

import json
import subprocess
import sys

from workstation.clinical.formulary import default_formulary
from workstation.clinical.high_alert import high_alert_routes, is_marked, marked_name
from workstation.clinical.high_alert_review import high_alert_drugs, markdown_table, review_lines
from workstation.resources import resource


def test_every_high_alert_ceiling_names_its_source_and_insulins_are_in_units():
    drugs = {d.code: d for d in high_alert_drugs(default_formulary())}
    assert {"insulin_glargine", "heparin", "morphine", "fentanyl", "labetalol", "methotrexate",
            "potassium_chloride_inj", "norepinephrine", "methadone"} <= set(drugs)  # fmt: skip
    for drug in drugs.values():
        assert all(c.source.strip() for c in drug.ceilings), drug.code
    assert {c.unit for c in drugs["insulin_glargine"].ceilings} == {"U"}
    assert {c.unit for c in drugs["fentanyl"].ceilings} == {"mcg"}
    naive = [c for c in drugs["oxycodone"].ceilings if c.kind.startswith("opioid-naive")]
    assert [(c.kind, c.value) for c in naive] == [
        ("opioid-naive single", 40),
        ("opioid-naive daily", 80),
    ]


def test_the_review_list_shows_missing_and_local_review_numbers_only_when_asked():
    drugs = high_alert_drugs(default_formulary())
    review = review_lines(drugs, review_only=True)
    assert any(line.startswith("▲ 去甲肾上腺素") and "NO CEILING" in line for line in review)
    assert any("甘精胰岛素" in line and "(local review)" in line for line in review)
    assert not any("可待因" in line for line in review)  # BNF numbers, nothing to review
    assert len(review_lines(drugs)) == len(drugs) > len(review)


def test_the_mark_follows_the_high_alert_routes():
    routes = high_alert_routes(d.entry for d in default_formulary())
    assert is_marked(routes, "labetalol", "iv") and not is_marked(routes, "labetalol", "po")
    assert is_marked(routes, "epinephrine", "sc") and not is_marked(routes, "amoxicillin", "po")
    assert (
        marked_name(routes, "胰岛素", {"drug_code": "insulin_regular", "route": "sc"}) == "▲ 胰岛素"
    )


def test_the_readme_table_is_the_formulary_s():
    readme = (resource("formulary") / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- high-alert table: begin -->\n")[1].split(
        "<!-- high-alert table: end -->"
    )[0]
    assert table == markdown_table(high_alert_drugs(default_formulary()))


def test_the_cli_lists_the_drugs_as_json_lines():
    done = subprocess.run(
        [sys.executable, "-m", "workstation.server.cli", "formulary", "high-alert", "--json",
         "--review-only"], capture_output=True, text=True, check=True,
    )  # fmt: skip
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows and all(r["wants_review"] for r in rows)
    assert "dopamine" in {r["code"] for r in rows}
