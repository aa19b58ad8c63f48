"""The FHIR mapping and search parsing without a server: names, vital-sign ids and codes,
search parameters, cursors."""

from __future__ import annotations

import pytest
from fhir.resources.R4B.patient import Patient

from workstation.fhir import documents, medications, patients, rest, vitals
from workstation.server.fhir_search import Cursor, Range, SearchError, date_range, parse, token

ROW = {"vitals_id": "0190a1b2-0000-7000-8000-000000000001", "patient_id": "p1",
       "taken_at": "2026-01-01T08:00:00Z", "pulse_bpm": 88, "systolic_mmhg": 130,
       "diastolic_mmhg": 80, "spo2_pct": 97, "pain_score": 3, "recorded_by": "n1"}  # fmt: skip


def test_a_chinese_name_keeps_its_text_and_splits_surname_and_given_name() -> None:
    official, usual = patients.human_name("曾国藩", "zeng guo fan")
    assert (official.text, official.family, official.given) == ("曾国藩", "曾", ["国藩"])
    assert usual.text == "zeng guo fan"
    assert patients.human_name("𠮷野家")[0].text == "𠮷野家"  # a character beyond the BMP
    western = patients.human_name("Anna Maria Smith")[0]
    assert (western.family, western.given) == ("Smith", ["Anna", "Maria"])


def test_vital_signs_are_one_observation_per_measurement_with_profile_codes() -> None:
    found = vitals.vital_signs(ROW, staff={"n1": "刘芳"})
    assert [o.id.rsplit("-", 1)[1] for o in found] == ["hr", "spo2", "pain", "bp"]
    codes = {o.id.rsplit("-", 1)[1]: [c.code for c in o.code.coding] for o in found}
    assert codes == {"hr": ["8867-4"], "spo2": ["2708-6", "59408-5"], "pain": ["72514-3"],
                     "bp": ["85354-9"]}  # fmt: skip
    bp = found[-1]
    assert [c.valueQuantity.value for c in bp.component] == [130, 80]
    assert bp.meta.profile == ["http://hl7.org/fhir/StructureDefinition/bp"]
    assert found[2].category[0].coding[0].code == "survey"  # pain is no vital-signs profile
    assert vitals.split_id(found[0].id) == (ROW["vitals_id"], "hr")
    assert vitals.split_id(ROW["vitals_id"]) is None  # a lab result's plain id


def test_a_drug_code_with_an_underscore_round_trips_through_its_medication_id() -> None:
    drug = {"code": "piperacillin_tazobactam", "atc": "J01CR05", "name_en": "Pip/Taz",
            "name_zh": "哌拉西林他唑巴坦"}  # fmt: skip
    made = medications.medication(drug)
    assert made.id == "piperacillin.tazobactam"
    assert medications.drug_code(made.id) == drug["code"]
    assert made.code.coding[0].system == "http://www.whocc.no/atc"


def test_the_fast_json_is_byte_for_byte_what_the_models_own_serializer_writes() -> None:
    drug = {
        "code": "amoxicillin",
        "atc": "J01CA04",
        "name_en": "Amoxicillin",
        "name_zh": "阿莫西林",
    }
    made = [*vitals.vital_signs({**ROW, "temperature_c": 36.65, "weight_kg": 70.0}, staff={},
                                last_updated="2026-01-01T08:00:01.5Z"),
            medications.medication(drug), documents.pdf_binary("n1", b"%PDF-1.4 \x00\xff"),
            rest.operation_outcome("invalid", "bad _count"),
            rest.capability_statement("http://x/fhir", software_version="1", now="2026-01-01"),
            Patient.model_validate({"resourceType": "Patient", "id": "p1", "gender": "female",
                                    "_birthDate": {"extension": [{"url": "http://x/e",
                                                                  "valueString": "approx"}]},
                                    "name": [{"text": "曾国藩", "given": ["国藩"]}]})]  # fmt: skip
    made.append(rest.searchset(made[:3], base="http://x/fhir", self_url="http://x/fhir/P",
                               next_url=None))  # fmt: skip
    for resource in made:
        assert rest.dump(resource) == resource.model_dump_json(by_alias=True,
                                                               exclude_none=True).encode()  # fmt: skip


def test_search_parameters_are_checked_and_dates_become_ranges() -> None:
    assert date_range("2026-01-02", "x") == Range("2026-01-02T00:00:00.000Z",
                                                  "2026-01-03T00:00:00.000Z")  # fmt: skip
    assert date_range("ge2026-01-02", "x").end is None
    assert date_range("lt2026-01-02", "x") == Range(None, "2026-01-02T00:00:00.000Z")
    for bad in ("yesterday", "ne2026-01-01", "2026-13-01"):
        with pytest.raises(SearchError):
            date_range(bad, "birthdate")
    with pytest.raises(SearchError, match="unknown search parameter"):
        parse("Patient", [("birthDate", "2000-01-01")])
    with pytest.raises(SearchError, match="_count"):
        parse("Patient", [("_count", "5000")])
    with pytest.raises(SearchError, match="_cursor"):
        parse("Patient", [("_cursor", "x' OR 1=1")])
    search = parse("Observation", [("patient", "Patient/p1"), ("_count", "7"),
                                   ("_cursor", Cursor(1, "abc-1", 2).token())])  # fmt: skip
    assert (search.count, search.cursor, search.params) == (7, Cursor(1, "abc-1", 2),
                                                            {"patient": "Patient/p1"})  # fmt: skip
    assert token("urn:x|MRN1") == ("urn:x", "MRN1") and token("MRN1") == (None, "MRN1")
