"""Statuses kept from one build to the next come back exactly as they were computed."""

from __future__ import annotations

from edutargets.site.shape import _pack, _unpack
from edutargets.status import Assessment, Observation, Reason, Status


def test_an_assessment_survives_packing() -> None:
    assessments = [
        Assessment(Status.INSUFFICIENT_DATA, reason=Reason.AWAITING_YEAR),
        Assessment(
            Status.NEEDS_ACCELERATION,
            required=1.25,
            evidence=Observation(2024, 93.5, True, True, ">=", None, "src"),
            baseline=Observation(2015, 80.0),
            ratio=0.42,
        ),
        Assessment(Status.MET, required=7.1, evidence=Observation(2025, 7.3, period_start=2021)),
    ]
    for assessment in assessments:
        back = _unpack(_pack(assessment))
        assert back == assessment and type(back.status) is Status
