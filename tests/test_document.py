"""The document model: prose extraction and exact source positions."""

from __future__ import annotations

from claimcheck.source.document import parse


def position_of(text: str, word: str, path: str = "draft.md") -> tuple[int, int]:
    document = parse(path, text)
    for block in document.blocks:
        index = block.text.find(word)
        if index >= 0:
            offset = block.source_offset(index)
            assert document.source[offset : offset + len(word)] == word
            return document.position(offset)
    raise AssertionError(f"{word!r} not in prose: {[b.text for b in document.blocks]}")


def prose(text: str, path: str = "draft.md") -> list[str]:
    return [block.text for block in parse(path, text).blocks]


def test_position_after_front_matter():
    text = "---\ntitle: Acupuncture cures MS\n---\n\n# Title\n\nIt cures fatigue.\n"
    assert position_of(text, "cures") == (7, 4)
    assert all("title:" not in p for p in prose(text))


def test_front_matter_is_kept_apart():
    document = parse("draft.md", "---\ntitle: A miracle\n---\nBody.\n")
    assert document.front_matter == "title: A miracle"
    assert [b.text for b in document.blocks] == ["Body."]


def test_crlf_line_endings():
    assert position_of("# Title\r\n\r\nLine one\r\nand it cures.\r\n", "cures") == (4, 8)


def test_tabs_count_as_one_column():
    assert position_of("-\tThe needles\tcure nothing.\n", "cure") == (1, 15)


def test_non_ascii_before_the_match():
    assert position_of("Café owners say acupuncture cures — “really”.\n", "cures") == (1, 29)


def test_nested_lists():
    text = "- First\n  - Second level\n    1. Third: it cures\n"
    assert position_of(text, "cures") == (3, 18)


def test_soft_break_becomes_a_space():
    text = "Acupuncture\ncures MS.\n"
    assert prose(text) == ["Acupuncture cures MS."]
    assert position_of(text, "cures") == (2, 1)


def test_emphasis_and_link_text():
    text = "It **really** [cures](https://example.org/x) _all_ pain.\n"
    assert prose(text) == ["It really cures all pain."]
    assert position_of(text, "cures") == (1, 16)
    assert parse("draft.md", text).blocks[0].links == ("https://example.org/x",)


def test_table_cells_are_blocks_with_positions():
    text = "| Claim | Fact |\n|---|---|\n| cures MS | no |\n| safe | cures |\n"
    assert prose(text) == ["Claim", "Fact", "cures MS", "no", "safe", "cures"]
    document = parse("draft.md", text)
    last = document.blocks[-1]
    assert document.position(last.source_offset(0)) == (4, 10)


def test_block_quote_and_heading_positions():
    assert position_of("> Quote\n> it cures\n", "cures") == (2, 6)
    assert position_of("## It cures ##\n", "cures") == (1, 7)


def test_code_html_and_urls_are_not_prose():
    text = (
        "Text with `cures MS` inline.\n\n```\ncures\n```\n\n    indented cures\n\n"
        "<div>cures</div>\n\n<!-- cures -->\n\nSee <https://cures.example>.\n"
    )
    assert prose(text) == ["Text with  inline.", "See ."]


def test_escapes_and_entities_map_to_source():
    text = "A \\*real\\* cure &amp; more cures.\n"
    assert prose(text) == ["A *real* cure & more cures."]
    assert position_of(text, "cures") == (1, 28)


def test_plain_text_paragraphs():
    text = "Title line\n\nFirst paragraph\nwraps here. It cures.\n\n\nLast one.\n"
    assert prose(text, "draft.txt") == ["Title line", "First paragraph wraps here. It cures.", "Last one."]
    assert position_of(text, "cures", "draft.txt") == (4, 16)


def test_bom_is_not_a_column():
    document = parse("draft.md", "\ufeffIt cures.\n")
    assert document.bom
    assert document.position(document.blocks[0].source_offset(3)) == (1, 4)


def test_comments_are_collected_with_positions():
    document = parse("draft.md", "Text.\n\n<!-- claimcheck disable claims.cure -->\n\nMore <!-- inline --> text.\n")
    assert [(c.text, c.line, c.column) for c in document.comments] == [
        ("claimcheck disable claims.cure", 3, 1),
        ("inline", 5, 6),
    ]


def test_reference_sections_are_marked():
    document = parse("draft.md", "# Title\n\nBody.\n\n## References\n\n1. Smith J. A trial. 2019.\n")
    assert [b.in_references for b in document.blocks] == [False, False, True, True]


def test_bare_urls_are_links_not_prose():
    document = parse("draft.md", "Read https://example.org/study.html, then decide. It cures.\n")
    block = document.blocks[0]
    assert block.text == "Read , then decide. It cures."
    assert block.links == ("https://example.org/study.html",)
    assert position_of("Read https://example.org/study.html, then decide. It cures.\n", "cures") == (1, 54)


def test_citation_markers_made_with_markup_are_not_prose():
    text = "It eased pain.[1](https://x.org/a) Another trial found less.<sup>2,3</sup> See [[4]](https://x.org/b) too.\n"
    assert prose(text) == ["It eased pain. Another trial found less. See  too."]
    assert parse("draft.md", text).blocks[0].links == ("https://x.org/a", "https://x.org/b")
    assert position_of(text, "Another") == (1, 36)
    assert position_of(text, "See") == (1, 76)


def test_a_number_that_is_prose_stays_in_the_prose():
    text = "In [2023](https://x.org), the guidance changed. See [page 2](https://x.org/p) and 5 m<sup>x</sup>.\n"
    assert prose(text) == ["In 2023, the guidance changed. See page 2 and 5 mx."]


def test_a_bold_references_line_opens_the_reference_list():
    doc = parse("a.md", "# News\n\nA trial found less pain.\n\n**References**\n\nLee H. Pain trial. J Pain. 2020.\n")
    assert [block.in_references for block in doc.blocks] == [False, False, True, True]


def test_a_plain_sources_line_opens_the_reference_list_until_the_next_heading():
    text = "A trial found less pain.\n\nSources:\n1. Lee H. Pain trial. 2020.\n\n## More\n\nA new paragraph.\n"
    doc = parse("a.md", text)
    assert [(block.text, block.in_references) for block in doc.blocks] == [
        ("A trial found less pain.", False),
        ("Sources:", True),
        ("Lee H. Pain trial. 2020.", True),
        ("More", False),
        ("A new paragraph.", False),
    ]


def test_a_references_line_in_plain_text_opens_the_reference_list():
    doc = parse("a.txt", "A trial found less pain.\n\nReferences\nLee H. Pain trial. 2020.\n")
    assert [block.in_references for block in doc.blocks] == [False, True]


def test_a_sentence_about_sources_is_prose():
    doc = parse("a.md", "Sources say the trial was small.\n")
    assert [block.in_references for block in doc.blocks] == [False]
