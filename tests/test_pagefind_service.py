"""Pagefind's service, the real binary: a page it refuses is named in the error."""

from __future__ import annotations

import pytest

from edutargets.pagefind_service import SearchIndexFailed, Service, index_pages


def test_a_request_pagefind_refuses_is_named_in_the_error() -> None:
    service = Service()
    try:
        with pytest.raises(SearchIndexFailed, match=r"Pagefind: /regions/330300/: .*index"):
            service.requests(
                [
                    {
                        "type": "AddFile",
                        "index_id": 99,
                        "url": "/regions/330300/",
                        "file_path": None,
                        "file_contents": "<html></html>",
                    }
                ]
            )
    finally:
        service.close()


def test_pages_give_a_bundle_with_its_entry_file() -> None:
    files = index_pages([("/regions/330300/", '<html lang="zh"><body><h1>温州</h1></body></html>')])
    assert "pagefind-entry.json" in files
    assert any(path.startswith("index/") for path in files)
