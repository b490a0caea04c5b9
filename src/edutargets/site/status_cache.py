"""Targets' statuses kept from one build to the next, each with the key of its inputs.

Assessing every target reads every series: at national scale, most of what a rebuild after a
one-region edit would spend on statuses that did not change. A status depends only on
its target's row, its indicator, its source's period, its series and the dataset's date (status.py), so one whose key is unchanged is
taken from the last build. A pickle in the build's work folder: written and read by this
program only.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from edutargets.site.inputs import Inputs
from edutargets.store import write
from edutargets.site.shape import SiteData
from edutargets.status import Assessment, Observation, Reason, Status

FORMAT = 3


def _observation(o: Observation | None) -> tuple | None:
    return None if o is None else (o.year, o.value, o.definition_change, o.preliminary, o.comparator, o.period_start, o.source)


def _pack(assessment: Assessment) -> tuple:
    """An assessment as plain tuples: pickled and unpickled in a third of a dataclass's time."""
    return (assessment.status.value, assessment.required, _observation(assessment.evidence), _observation(assessment.baseline), assessment.ratio, assessment.reason.value)


def _unpack(packed: tuple) -> Assessment:
    status, required, evidence, baseline, ratio, reason = packed
    return Assessment(
        Status(status),
        required,
        None if evidence is None else Observation(*evidence),
        None if baseline is None else Observation(*baseline),
        ratio,
        Reason(reason),
    )


def reuse_statuses(data: SiteData, keys: Inputs, cache: Path) -> dict[str, str]:
    """Give `data` the statuses of the last build whose inputs are unchanged; the targets' keys."""
    current = {target["id"]: keys.target(target) for target in data.targets}
    try:
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        known: dict[str, tuple[str, tuple]] = stored["statuses"] if stored.get("format") == FORMAT else {}
        data.known_assessments = {target_id: _unpack(found[1]) for target_id, key in current.items() if (found := known.get(target_id)) and found[0] == key}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ValueError, ImportError):
        data.known_assessments = {}
    return current


def save_statuses(data: SiteData, keys: dict[str, str], cache: Path) -> None:
    """Keep this build's statuses for the next one."""
    statuses = {target_id: (key, _pack(data.assessments[target_id].assessment)) for target_id, key in keys.items()}
    write(cache, pickle.dumps({"format": FORMAT, "statuses": statuses}, protocol=pickle.HIGHEST_PROTOCOL))
