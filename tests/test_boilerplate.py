"""Press-release boilerplate: the institution's self-praise is not the release's claim about its finding."""

from __future__ import annotations

import pytest

from claimcheck.analysis.boilerplate import boilerplate_blocks
from claimcheck.source.document import parse

NEWS = "# A new test for sepsis\n\nThe test found the infection in an hour.\n\nIt was tried on 40 patients.\n\n"


def blocks_in_boilerplate(text: str) -> list[str]:
    """The text of every block that `boilerplate_blocks` places in the boilerplate."""
    document = parse("release.md", text)
    return [block.text for block, inside in zip(document.blocks, boilerplate_blocks(document)) if inside]


def test_paragraphs_after_the_end_mark_are_boilerplate():
    text = NEWS + "###\n\nThe university creates life-changing opportunities.\n"
    assert blocks_in_boilerplate(text) == ["The university creates life-changing opportunities."]


def test_an_empty_title_is_no_end_mark():
    # "# " at the top of an article is an empty title, not "###": the article is news throughout.
    assert blocks_in_boilerplate("# \n\nSome text.\n\nMore text.\n\nAnd more text.\n\nThe end.\n") == []


def test_a_paragraph_under_about_an_organisation_is_boilerplate():
    text = NEWS + "About the Janssen Pharmaceutical Companies\n\nWe work to treat and cure disease.\n"
    assert blocks_in_boilerplate(text)[-1] == "We work to treat and cure disease."


def test_a_paragraph_about_a_product_or_a_disease_is_not():
    text = NEWS + "About Freespira\n\nFreespira eliminates panic attacks.\n\nAbout Major Depressive Disorder\n\nIt is common.\n"
    assert blocks_in_boilerplate(text) == []


def test_an_organisation_describing_itself_is_boilerplate():
    text = NEWS + "Allergan is an industry leader in open science, which drives game-changing ideas.\n"
    assert blocks_in_boilerplate(text) == ["Allergan is an industry leader in open science, which drives game-changing ideas."]


@pytest.mark.parametrize(
    "sentence",
    ["Smoking is a leading cause of cancer.", "About Americans who take statins, little is known."],
)
def test_news_that_looks_like_boilerplate_is_not(sentence):
    assert blocks_in_boilerplate(NEWS + sentence + "\n\nThe drug is a breakthrough.\n") == []


def test_overclaim_rules_leave_boilerplate_alone(lint):
    text = NEWS + "About Massachusetts Eye and Ear\n\nIt was founded in 1824. For life-changing care, visit us.\n"
    assert [f.match for f in lint(text) if f.category == "overclaim"] == []
    # The same words in the news itself are still reported.
    assert [f.match for f in lint(NEWS + "The test offers life-changing care.\n") if f.category == "overclaim"] == [
        "life-changing"
    ]


def test_an_about_line_run_on_after_a_colon_is_boilerplate():
    about = (
        "About American Leprosy Missions: American Leprosy Missions, based in Greenville, South Carolina, is the oldest "
        "and largest Christian organization in the United States dedicated to curing people affected by leprosy."
    )
    assert blocks_in_boilerplate(NEWS + about + "\n") == [about]
    # A product's own paragraph, run on the same way, is the release's claim.
    assert blocks_in_boilerplate(NEWS + "About Freespira: Freespira eliminates panic attacks in four weeks.\n") == []


def test_readability_leaves_boilerplate_sentences_alone(lint):
    hard = (
        "The institution's multidisciplinary translational investigators collaborate internationally, "
        "commercialising immunotherapeutic innovations through institutional partnerships."
    )
    about = NEWS + "About the Lakeside Research Institute\n\n" + hard + "\n"
    assert [f for f in lint(about) if f.rule == "readability.sentence"] == []
    # The same sentence in the story itself is still reported.
    assert [f.match for f in lint(NEWS + hard + "\n") if f.rule == "readability.sentence"] == [hard]
