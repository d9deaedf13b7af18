"""Golden test: each corpus draft reports exactly the findings kept beside it in `<draft>.expected`."""

from __future__ import annotations

import pytest
from conftest import CORPUS
from helpers.golden import expected_path, line_for, read_expected

DRAFTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))


def test_corpus_is_big_enough():
    assert len(DRAFTS) >= 8


@pytest.mark.parametrize("draft", DRAFTS, ids=lambda p: p.name)
def test_draft_reports_exactly_its_expected_findings(lint, draft):
    expected = read_expected(expected_path(draft))
    actual = [line_for(f) for f in lint(draft.read_text(encoding="utf-8"), path=str(draft))]
    assert sorted(actual) == sorted(expected)
