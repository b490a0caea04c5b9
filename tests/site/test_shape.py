"""Rules the shaped data answers in two ways, whole and in part, must agree: site/shape.py."""

from __future__ import annotations

import numpy as np

from edutargets.model import load_dataset
from edutargets.site.shape import SiteData
from tests.conftest import ROOT


def test_one_regions_counted_rows_are_the_whole_tables_slice() -> None:
    data = SiteData.from_dataset(load_dataset(ROOT / "datapackages" / "edutargets"))
    assert data.counted.any() and not data.counted.all()  # a preliminary or a period's figure is left out
    for code, (start, stop) in data.region_slices.items():
        assert np.array_equal(data.region_counted(code), data.counted[start:stop]), code
    assert len(data.region_counted("no-such-region")) == 0
