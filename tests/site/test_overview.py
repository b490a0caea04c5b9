"""The names list of the search page's substring match (overview.search_names, names_file)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from edutargets.model import load_dataset
from edutargets.site.overview import names_file, search_names
from edutargets.site.shape import SiteData
from tests.conftest import make_package


def test_names_are_compact_gzipped_and_the_same_bytes_each_time(tmp_path: Path) -> None:
    data = SiteData.from_dataset(load_dataset(make_package(tmp_path / "pkg")))
    names = search_names(data)
    assert names_file(names) == names_file(search_names(data))
    decoded = json.loads(gzip.decompress(names_file(names)).decode("utf-8"))
    assert decoded == names
    assert decoded["r"][0] == ["000000", "全国", "China", ""]  # the nation first, then down the levels
    assert ["330300", "温州市", "Wenzhou", "330000"] in decoded["r"]
    assert [
        "preschool_ger",
        data.indicators["preschool_ger"]["name_zh"],
        data.indicators["preschool_ger"]["name_en"],
    ] in decoded["i"]
