"""Verdicts as data: every target's status and the evidence it was judged on, as columns.

The published targets table (each download, each region's targets file, the Data Package zip)
is the curated table with these columns after its own. They are computed by the status rule
(status.py) as of the dataset's date; the curated package in the repository never holds them.

This module imports no pandas: the downloads process, which has none, adds the columns to the
bytes of the curated file with `extend_targets`.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from edutargets.csvfile import cell, csv_bytes, records_of
from edutargets.status import Status

if TYPE_CHECKING:
    from edutargets.model import Dataset
    from edutargets.site.shape import SiteData

VERDICT_FIELDS: list[dict[str, Any]] = [
    {
        "name": "status",
        "type": "string",
        "title": "状态 / Status",
        "description": "Computed, not curated: the target's status under the site's rule (methodology page). met / not_met: judged on the figure of the target year; met_early, met_later, not_met_as_of, no_verdict: the deadline has passed without that figure (another year's figure is context only); already_met, on_track, needs_acceleration, limited_progress, deterioration, insufficient_data: before the deadline.",
        "constraints": {"required": True, "enum": [s.value for s in Status]},
    },
    {
        "name": "assessed_year",
        "type": "integer",
        "title": "判定依据年份 / Year judged on",
        "description": "Computed: the year of the figure the status was judged on (or shown as context); empty when there is none.",
    },
    {
        "name": "assessed_period_start",
        "type": "integer",
        "title": "依据起始年 / Period start of the figure",
        "description": "Computed: for an amount over a period, the first year of the figure judged on (a reported total, or the sum of every year's amount).",
    },
    {
        "name": "assessed_value",
        "type": "number",
        "title": "判定依据数值 / Value judged on",
        "description": "Computed: the value of that figure, in the indicator's unit.",
    },
    {
        "name": "assessed_source",
        "type": "string",
        "title": "依据来源 / Source of the figure",
        "description": "Computed: the source id of the outcome row judged on; empty for a sum of several rows.",
    },
    {
        "name": "required_value",
        "type": "number",
        "title": "所需水平 / Level required",
        "description": "Computed: the level the target requires, in the indicator's unit (for a change target, baseline plus the change); compared with the target's comparator.",
    },
    {
        "name": "as_of",
        "type": "date",
        "title": "数据截至 / As of",
        "description": "The dataset's as-of date (the latest day a source was read): a deadline before this year has passed.",
        "constraints": {"required": True},
    },
]
VERDICT_HEADER = [f["name"] for f in VERDICT_FIELDS]


def verdict_cells(data: SiteData, target_id: str) -> list[str]:
    """One target's verdict columns, as text."""
    assessment = data.assessments[target_id].assessment
    evidence = assessment.evidence
    period = evidence.period_start if evidence is not None and evidence.period_start != evidence.year else None
    values = [
        assessment.status.value,
        evidence.year if evidence else None,
        period,
        evidence.value if evidence else None,
        evidence.source if evidence else None,
    ]
    return [cell(value) for value in values] + [
        cell(None if assessment.required is None else round(assessment.required, 10)),
        data.dataset_date,
    ]


def verdict_table(data: SiteData) -> dict[str, list[str]]:
    """Every target's verdict columns, by target id: what the downloads process adds."""
    return {target["id"]: verdict_cells(data, target["id"]) for target in data.targets}


def verdicts_of(dataset: Dataset, as_of: str) -> dict[str, list[str]]:
    """The verdict table of a loaded dataset as of a date (YYYY-MM-DD), outside a build."""
    from edutargets.site.shape import SiteData

    data = SiteData.from_dataset(dataset)
    data.dataset_date = as_of
    return verdict_table(data)


def extend_targets(curated: bytes, verdicts: dict[str, list[str]]) -> bytes:
    """The curated targets file with the verdict columns after its own (UTF-8, LF)."""
    records = records_of(curated)
    if not records:
        return b""
    key = records[0].index("id")
    return csv_bytes(records[0] + VERDICT_HEADER, (record + verdicts[record[key]] for record in records[1:] if record))


def extend_descriptor(descriptor: dict[str, Any]) -> dict[str, Any]:
    """The descriptor as published: the targets resource with the verdict fields."""
    published = copy.deepcopy(descriptor)
    for resource in published["resources"]:
        if resource["name"] == "targets":
            resource["schema"]["fields"] += copy.deepcopy(VERDICT_FIELDS)
            resource["description"] = (
                resource.get("description", "")
                + " The columns from status on are computed by the site's status rule as of the dataset's date, not curated."
            ).strip()
    return published
