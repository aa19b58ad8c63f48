"""One allergy status everywhere: allergies recorded, "no known allergies" by a person (who,
when), or "not yet documented" — which holds back a first dose and a verification."""

from __future__ import annotations

import pytest

from workstation.clinical.allergy_status import (
    NONE_KNOWN,
    RECORDED,
    UNDOCUMENTED,
    allergy_status,
    first_dose_held,
    override_payload,
    verification_held,
)
from workstation.clinical.bcma import FIRST_DOSE_HELD, allergy_problem
from workstation.clinical.mar import MarDose, MarRow

REVIEW = {"recorded_by": "nurse1", "recorded_at": "2026-03-01T08:00:00Z", "voided": False}
ALLERGY = {"substance": "penicillin", "severity": "severe", "voided": False}


def test_the_three_states_and_their_words() -> None:
    assert allergy_status({"allergies": []}).kind == UNDOCUMENTED
    assert allergy_status({"allergies": [], "allergy_reviews": [REVIEW]}).kind == NONE_KNOWN
    assert allergy_status({"allergies": [ALLERGY], "allergy_reviews": [REVIEW]}).kind == RECORDED
    voided = {**REVIEW, "voided": True}
    assert allergy_status({"allergies": [], "allergy_reviews": [voided]}).kind == UNDOCUMENTED
    nka = allergy_status({"allergy_reviews": [REVIEW]})
    assert (
        nka.text("en", name=lambda u: "Nurse Li")
        == "No known allergies (Nurse Li 2026-03-01T08:00:00Z)"
    )
    assert allergy_status({}).text("zh_CN") == "过敏史未记录"


def test_a_first_dose_and_a_verification_wait_unless_a_reason_is_given() -> None:
    undocumented, nka = allergy_status({}), allergy_status({"allergy_reviews": [REVIEW]})
    assert first_dose_held(undocumented, given_before=0)
    assert not first_dose_held(undocumented, given_before=2)
    assert not first_dose_held(undocumented, given_before=0, override_reason="anaphylaxis kit")
    assert not first_dose_held(nka, given_before=0)
    assert verification_held(undocumented) and not verification_held(nka)
    assert not verification_held(undocumented, "patient unconscious, family unreachable")
    with pytest.raises(ValueError):
        override_payload("o1", "verification", "  ")


def test_the_bedside_check_holds_the_first_dose() -> None:
    row = MarRow(order={"order_id": "o1"}, verified=True, high_alert=False, prn=False,
                 doses=[MarDose("o1", None, "due")])  # fmt: skip
    assert allergy_problem(row, allergy_status({})) == FIRST_DOSE_HELD
    assert allergy_problem(row, allergy_status({}), "asked the family: none") is None
    given = MarRow(order={"order_id": "o1"}, verified=True, high_alert=False, prn=False,
                   doses=[MarDose("o1", None, "given"), MarDose("o1", None, "due")])  # fmt: skip
    assert allergy_problem(given, allergy_status({})) is None


def test_no_known_allergies_is_recorded_by_a_person_and_shows_in_the_chart_and_census() -> None:
    from sqlalchemy import create_engine

    from tests.unit.test_projector import P1, admitted, ev
    from workstation.events import event_problems
    from workstation.projections import queries
    from workstation.projections.projector import apply_events
    from workstation.projections.tables import metadata

    engine = create_engine("sqlite://")
    metadata.create_all(engine)
    nka = ev("NoKnownAllergiesRecorded", {"source": "patient"}, P1)
    assert event_problems(nka) == []
    with engine.begin() as conn:
        apply_events(conn, [admitted(P1)])
        assert allergy_status(queries.chart(conn, P1)).kind == UNDOCUMENTED
        apply_events(conn, [nka])
        status = allergy_status(queries.chart(conn, P1))
        assert (status.kind, status.by, status.at) == (NONE_KNOWN, nka.author_id, nka.recorded_at)
        assert queries.census(conn)[0]["allergy_review_count"] == 1
        apply_events(
            conn, [ev("EventVoided", {"target_event_id": nka.event_id, "reason": "x"}, P1)]
        )
        assert allergy_status(queries.chart(conn, P1)).kind == UNDOCUMENTED
