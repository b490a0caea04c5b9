"""Targets' statuses kept from one build to the next, each with the key of its inputs.

Assessing every target reads every series: ~1.5 s at national scale, most of what a rebuild
after a one-region edit would spend on statuses that did not change. A status depends only on
its target's row, its indicator and its series (status.py), so one whose key is unchanged is
taken from the last build. A pickle in the build's work folder: written and read by this
program only.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from edutargets.site.page_keys import PageKeys
from edutargets.site.render import write_if_changed
from edutargets.site.shape import SiteData
from edutargets.status import Assessment

FORMAT = 1


def reuse_statuses(data: SiteData, keys: PageKeys, cache: Path) -> dict[str, str]:
    """Give `data` the statuses of the last build whose inputs are unchanged; the targets' keys."""
    current = {target["id"]: keys.target(target) for target in data.targets}
    try:
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        known: dict[str, tuple[str, Assessment]] = stored["statuses"] if stored.get("format") == FORMAT else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError, TypeError, ImportError):
        known = {}
    data.known_assessments = {target_id: found[1] for target_id, key in current.items() if (found := known.get(target_id)) and found[0] == key}
    return current


def save_statuses(data: SiteData, keys: dict[str, str], cache: Path) -> None:
    """Keep this build's statuses for the next one."""
    statuses = {target_id: (key, data.assessments[target_id].assessment) for target_id, key in keys.items()}
    write_if_changed(cache, pickle.dumps({"format": FORMAT, "statuses": statuses}, protocol=pickle.HIGHEST_PROTOCOL))
