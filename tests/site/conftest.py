"""A site built once from the tiny package of real figures, with the real build code."""

from __future__ import annotations

from pathlib import Path

import pytest

from edutargets.build import BuildConfig, build_site
from tests.conftest import ROOT, make_package


def site_config(base: Path, package: Path) -> BuildConfig:
    return BuildConfig(
        package=package,
        out=base / "build" / "site",
        work=base / "build",
        site_source=ROOT / "site_src",
        mkdocs_config=ROOT / "mkdocs.yml",
        mkdocs_config_en=ROOT / "mkdocs.en.yml",
        changelog=ROOT / "datapackages" / "CHANGELOG.md",
    )


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("tiny-site")
    config = site_config(base, make_package(base / "pkg"))
    result = build_site(config)
    assert result.built, result.report.problems
    return config.out
