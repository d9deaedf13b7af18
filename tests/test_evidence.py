"""Claim strength: unhedged claims told apart from hedged ones, and research mentions that need a source."""

from __future__ import annotations

import pytest
from conftest import write

UNHEDGED = "evidence.unhedged"
# The claim rules apply to articles that speak to their readers; this sentence makes a draft one.
TO_READER = "Ask your doctor about it."
CAN = "evidence.can-claim"
UNCITED = "evidence.uncited-study"
UNRESOLVED = "evidence.unresolved-reference"


def claims(lint, text: str) -> list[str]:
    """The matches of unhedged-claim findings in `text`."""
    return [f.match for f in lint(text) if f.category == "unhedged-claim"]


@pytest.mark.parametrize(
    "text, match",
    [
        ("Acupuncture improves balance in people with MS.", "improves"),
        ("Scalp acupuncture reduces relapses.", "reduces"),
        ("Vitamin D prevents MS.", "prevents"),
        ("Research shows that acupuncture reduces pain.", "reduces"),
        ("The treatment was effective in reducing spasms.", "was effective"),
        ("Smoking increases the risk of MS.", "increases"),
        ("Acupuncture eased fatigue in the trial.", "eased"),
        ("Daily walks lead to better sleep.", "lead to"),
    ],
)
def test_unhedged_claims_are_reported(lint, text, match):
    found = lint(f"{text} {TO_READER}", rule=UNHEDGED)
    assert [(f.category, f.level, f.match) for f in found] == [("unhedged-claim", "warning", match)]


@pytest.mark.parametrize(
    "text",
    [
        # hedged
        "Acupuncture may improve balance in people with MS.",
        "Acupuncture might reduce relapses.",
        "Small studies suggest that acupuncture reduces pain.",
        "Acupuncture appears to ease fatigue in some people.",
        "Acupuncture is thought to relieve pain.",
        # correlational
        "Low vitamin D is linked with MS.",
        "Regular exercise is associated with less fatigue.",
        # negated
        "Acupuncture does not reduce relapses.",
        "There is no good evidence that acupuncture slows MS, prevents relapses or changes its course.",
        # asked
        "Does acupuncture improve balance?",
        # permission "may"
        "You may feel a slight prick when the needle goes in.",
        # what a study measured, not what it found
        "The trial measured whether acupuncture reduces fatigue.",
        "The study aimed to test if acupuncture improves walking.",
        # a change seen, not a cause
        "Fatigue scores decreased over the six weeks.",
        "Relapses were reduced in both groups.",
        # participles as adjectives
        "People with reduced mobility can ask for a home visit.",
        "Smokers have an increased risk of MS.",
        # a need or a recommendation
        "More research is needed to show that acupuncture improves balance.",
    ],
)
def test_hedged_correlational_negated_asked_and_measured_sentences_are_not_claims(lint, text):
    assert claims(lint, text) == []


def test_permission_may_does_not_hedge_a_claim_in_the_same_sentence(lint):
    found = lint("Acupuncture relieves pain, although you may feel a slight prick.", rule=UNHEDGED)
    assert [f.match for f in found] == ["relieves"]


def test_doubt_may_hedges_even_after_you(lint):
    assert claims(lint, "You may find that acupuncture relieves pain.") == []


def test_one_finding_per_sentence_at_its_position(lint):
    text = f"# Balance\n\nWe asked readers.\nAcupuncture improves balance and reduces pain.\n\n{TO_READER}\n"
    found = lint(text, rule=UNHEDGED)
    assert [(f.line, f.column, f.end_column, f.match) for f in found] == [(4, 13, 21, "improves")]


def test_can_claims_are_info_and_separate(lint):
    found = lint(f"Acupuncture can reduce spasms. {TO_READER}")
    assert [(f.rule, f.level, f.match) for f in found if f.category == "unhedged-claim"] == [(CAN, "info", "can reduce")]


@pytest.mark.parametrize("rule", [UNHEDGED, CAN])
def test_a_news_report_that_does_not_speak_to_its_reader_is_left_alone(lint, rule):
    # Reporting what a study found is not the writer telling readers what works.
    report = "In the trial, published in Neurology, acupuncture reduced fatigue and can ease pain, the team said."
    assert lint(report, rule=rule) == []
    assert lint(f"{report} Acupuncture improves balance and can reduce spasms. {TO_READER}", rule=rule) != []
    # A "you" inside someone's quotation is not the article speaking to its reader.
    assert lint('Acupuncture improves balance. "You can reduce spasms," she said.', rule=rule) == []


@pytest.mark.parametrize(
    "text",
    [
        "You can reduce your risk by not smoking.",
        "Acupuncture may reduce spasms, and it can be relaxing.",
        "Acupuncture cannot reduce relapses.",
        "Can acupuncture reduce spasms?",
    ],
)
def test_can_rule_skips_what_the_reader_can_do_and_hedged_negated_or_asked(lint, text):
    assert lint(text, rule=CAN) == []


def test_config_raises_or_turns_off_can_claims(tmp_path, cli):
    write(tmp_path, "draft.md", f"Acupuncture can reduce spasms. {TO_READER}\n")
    write(tmp_path, "raise.yaml", "rules:\n  evidence.can-claim: error\n")
    write(tmp_path, "off.yaml", "rules:\n  evidence.can-claim: off\n")
    raised = cli("check", "--config", "raise.yaml", "draft.md")
    off = cli("check", "--config", "off.yaml", "draft.md")
    assert raised.code == 1 and "error" in raised.out and "[evidence.can-claim]" in raised.out
    assert "evidence.can-claim" not in off.out


# -- uncited studies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, match",
    [
        ("A 2022 review of 31 studies found that acupuncture eased fatigue.", "A 2022 review"),
        ("A 2017 study of 20 people reported less pain.", "A 2017 study"),
        ("Research shows that acupuncture helps some people.", "Research shows"),
        ("Studies show that acupuncture is usually safe.", "Studies show"),
        ("Researchers in China found less stiffness.", "Researchers in China found"),
        ("Scientists have found a link between vitamin D and MS.", "Scientists have found"),
        ("According to a 2024 review, the evidence is thin.", "According to a 2024 review"),
    ],
)
def test_uncited_mentions_are_reported(lint, text, match):
    found = lint(text, rule=UNCITED)
    assert [(f.category, f.match) for f in found] == [("uncited-study", match)]


CITED = [
    pytest.param("A 2019 trial found less fatigue ([Lee, 2019](https://example.org/lee)).", id="inline-link"),
    pytest.param("A 2019 trial found less fatigue ([Lee 2019][lee]).\n\n[lee]: https://example.org/lee\n", id="reference-link"),
    pytest.param("A 2019 trial found less fatigue.[^lee]\n\n[^lee]: Lee H. Fatigue in MS. 2019.\n", id="footnote"),
    pytest.param("A 2019 trial found less fatigue [3].\n\n## References\n\n1. A\n2. B\n3. Lee H. 2019.\n", id="numeric"),
    pytest.param("A 2019 trial found less fatigue.\u00b3", id="superscript"),
    pytest.param("A 2019 trial found less fatigue (Lee et al., 2019).", id="author-et-al-year"),
    pytest.param("A 2019 trial found less fatigue (Lee, 2019).", id="author-year"),
    pytest.param("A 2019 survey found that most people with MS had tried it (MS Society, 2019).", id="organisation-year"),
    pytest.param("A 2019 trial found less fatigue (doi: 10.1000/ms.2019.7).", id="doi"),
    pytest.param("A 2019 trial found less fatigue (PMID: 31234567).", id="pmid"),
    pytest.param("A 2019 trial found less fatigue (PMC6543210).", id="pmcid"),
    pytest.param("A 2019 trial published in Multiple Sclerosis Journal in 2019 found less fatigue.", id="journal-year"),
    pytest.param("A 2019 trial found less fatigue. It had 40 people (Lee, 2019).", id="same-paragraph"),
    pytest.param("- A 2019 trial found less fatigue.\n  It had 40 people (Lee, 2019).\n", id="same-list-item"),
]


@pytest.mark.parametrize("text", CITED)
def test_each_citation_form_cites_its_paragraph(lint, text):
    assert lint(text, rule=UNCITED) == []


def test_a_citation_in_another_paragraph_does_not_count(lint):
    text = "A 2019 trial found less fatigue.\n\nAnother trial is under way (Lee, 2021).\n"
    assert [f.match for f in lint(text, rule=UNCITED)] == ["A 2019 trial"]


def test_a_citation_in_another_list_item_does_not_count(lint):
    text = "- A 2019 trial found less fatigue.\n- Another trial is under way (Lee, 2021).\n"
    assert [(f.line, f.column) for f in lint(text, rule=UNCITED)] == [(1, 3)]


@pytest.mark.parametrize(
    "text",
    [
        "No study has shown that acupuncture slows MS.",
        "What do studies show?",
        "More research is needed.",
        "Researchers are still working to find a cure.",
    ],
)
def test_negated_asked_and_wished_for_research_needs_no_source(lint, text):
    assert lint(text, rule=UNCITED) == []


def test_positions_of_uncited_mentions(lint):
    text = (
        "---\ntitle: Draft\n---\n\n# Acupuncture\n\n"
        "Many people try it. A 2022 review of 31 studies found some benefit.\n\n"
        "1. Item one.\n"
        "2. Researchers in China found less stiffness.\n\n"
        "| Claim | Source |\n|---|---|\n| Studies show it is safe | none |\n"
    )
    found = lint(text, rule=UNCITED)
    assert [(f.line, f.column, f.end_line, f.end_column, f.match) for f in found] == [
        (7, 21, 7, 34, "A 2022 review"),
        (10, 4, 10, 30, "Researchers in China found"),
        (14, 3, 14, 15, "Studies show"),
    ]


# -- unresolved numbered markers --------------------------------------------------------------

REFERENCES = "\n\n## References\n\n1. Lee H. Fatigue in MS. 2019.\n2. Kim S. Pain in MS. 2021.\n"


def test_markers_resolved_by_the_reference_list_are_fine(lint):
    assert lint("Two trials found less fatigue [1, 2]. One found less pain [2]." + REFERENCES, rule=UNRESOLVED) == []


def test_marker_without_an_entry_is_reported_at_its_position(lint):
    found = lint("Two trials found less fatigue [1].\nOne found less pain [3]." + REFERENCES, rule=UNRESOLVED)
    assert [(f.category, f.line, f.column, f.match) for f in found] == [("uncited-study", 2, 21, "[3]")]


def test_range_must_resolve_in_full(lint):
    found = lint("Trials found less fatigue [1-3]." + REFERENCES, rule=UNRESOLVED)
    assert [f.match for f in found] == ["[1-3]"]


def test_marker_without_any_reference_section_is_reported(lint):
    assert [f.match for f in lint("A 2019 trial found less fatigue [1].", rule=UNRESOLVED)] == ["[1]"]


def test_markers_without_any_list_are_one_finding_about_the_missing_list(lint):
    found = lint("A 2019 trial found less fatigue [1]. A 2021 review found the same [2]. Sleep improved [3].", rule=UNRESOLVED)
    assert [(f.match, f.message) for f in found] == [
        (
            "[1]",
            "'[1]' points at a reference list, but the draft has none. Add a numbered References section, "
            "or remove the markers. (and 2 more uses)",
        )
    ]


def test_notes_that_open_on_their_number_resolve_their_markers(lint):
    text = "A new blood test [1] ruled out heart attacks sooner.[2]\n\n[1] A troponin test.\n\n[2] Quoted from the author.\n"
    assert lint(text, rule=UNRESOLVED) == []
    assert [f.match for f in lint(text.replace("sooner.[2]", "sooner.[3]"), rule=UNRESOLVED)] == ["[3]"]


def test_bracketed_entries_in_a_sources_paragraph_resolve(lint):
    text = "Trials found less fatigue [2].\n\n## Sources\n\n[1] Lee H. 2019.\n[2] Kim S. 2021.\n"
    assert lint(text, rule=UNRESOLVED) == []


def test_reference_link_marker_is_a_link_not_a_marker(lint):
    text = "A 2019 trial found less fatigue [1].\n\n[1]: https://example.org/lee\n"
    assert lint(text, rule=UNRESOLVED) == [] and lint(text, rule=UNCITED) == []


# -- rule files -----------------------------------------------------------------------------


RULE = """extends: {kind}
category: {category}
level: warning
message: m
description: d
{body}
examples:
  fail: [x]
  pass: [y]
"""


@pytest.mark.parametrize(
    "kind, category, body, error",
    [
        ("citation", "uncited-study", "mentions:\n  terms: [study]\ncited-by: ['(unclosed']",
         "'cited-by': expression 1 is not a valid regular expression: missing ), unterminated subpattern at position 0"),
        ("claim", "unhedged-claim", "claims:\n  terms: [improves]\nunless:\n  hedged:\n    termz: [may]",
         "'unless': unknown key 'termz' under 'hedged' (known: terms, patterns, except)"),
        ("claim", "unhedged-claim", "unless:\n  hedged:\n    terms: [may]", "'claims': must be a mapping of terms/patterns"),
        ("reference", "uncited-study", "markers: ['\\[\\d+\\]']\nentries: ['^(\\d+)']",
         "'markers': needs at least one expression, each with a group for the number"),
    ],
)
def test_bad_evidence_rules_are_one_line_load_errors(tmp_path, cli, kind, category, body, error):
    write(tmp_path, "house/pack/rule.yml", RULE.format(kind=kind, category=category, body=body))
    write(tmp_path, ".claimcheck.yaml", "rule-paths: [house]\n")
    write(tmp_path, "draft.md", "Text.\n")
    result = cli("check", "draft.md")
    assert result.code == 2
    assert result.err.startswith("claimcheck: ") and result.err.count("\n") == 1
    assert error in result.err




# One study, cited once anywhere in the article -----------------------------------------


def uncited(lint, text):
    return [f.match for f in lint(text, rule=UNCITED)]


def test_a_study_named_with_its_journal_counts_for_every_later_mention(lint):
    text = (
        "# Walking eases knee pain, study finds\n\n"
        "A new study suggests daily walks ease knee pain.\n\n"
        "The study, published Tuesday in the journal Arthritis Care, followed 300 adults.\n\n"
        "The researchers found less pain after 12 weeks. The study found no harm.\n\n"
        "The researchers said the walks cost nothing.\n"
    )
    assert uncited(lint, text) == []


@pytest.mark.parametrize(
    "identified",
    [
        "Researchers report in Pain Medicine that walkers had less pain.",
        "The findings were presented at a rheumatology congress in Madrid.",
        "The results were presented at the Annual Scientific Meeting of the Pain Society.",
        "The trial is described at https://example.org/trial.",
        "The trial (Lee et al., 2021) followed 300 adults.",
        "The trial is registered as NCT01234567.",
        "Knee pain is common in older adults, the researchers note in Pain Medicine.",
        "Lee and her team reported their observations in the online edition of Arthritis Care.",
        "The results are scheduled for presentation at the meeting of the Knee Society.",
    ],
)
def test_every_way_of_identifying_a_study_counts(lint, identified):
    text = f"A new trial found that walking eased knee pain.\n\n{identified}\n\nThe researchers found less pain.\n"
    assert uncited(lint, text) == []


def test_an_uncited_study_is_reported_once_where_it_is_first_mentioned(lint):
    text = (
        "A new study suggests daily walks ease knee pain.\n\n"
        "The researchers found less pain after 12 weeks. The study also found no harm.\n\n"
        "The researchers reported that most people kept walking.\n"
    )
    found = lint(text, rule=UNCITED)
    assert [(f.line, f.match) for f in found] == [(1, "A new study suggests")]


def test_a_headline_is_not_a_mention_to_cite(lint):
    text = "# Daily walks ease knee pain, study finds\n\nWalking is free and most people can do it.\n"
    assert uncited(lint, text) == []


def test_another_study_needs_its_own_citation(lint):
    text = (
        "A trial published in the journal Pain Medicine found that walking eased knee pain.\n\n"
        "Another study found that swimming helped too. Earlier research has shown the same.\n"
    )
    assert uncited(lint, text) == ["Another study found", "Earlier research has shown"]


def test_one_author_year_reference_does_not_cite_every_study_in_its_paragraph(lint):
    text = "A 2010 trial found less pain (Smith, 2010). Another trial found more sleep.\n"
    assert uncited(lint, text) == ["Another trial found"]


@pytest.mark.parametrize(
    "text",
    [
        "Rates fell by a tenth, according to a cancer research charity.",
        "The institute for biomedical research said the results were early.",
        "A larger study will be needed to confirm the finding.",
        "The test costs $600, researchers say.",
        "Cancer Research UK reported a fall in smoking.",
        "The study authors found the same in a follow-up.",
    ],
)
def test_research_in_names_and_logistics_is_not_a_study(lint, text):
    text = "A trial published in the journal Pain Medicine found less pain.\n\n" + text + "\n"
    assert uncited(lint, text) == []


@pytest.mark.parametrize(
    "text, match",
    [
        (
            "Researchers at the University of Leeds reported that the lozenges did nothing.",
            "Researchers at the University of Leeds reported",
        ),
        ("Zinc lozenges were shown to be ineffective against colds.", "were shown to"),
        ("Nasal sprays have been shown to shorten a cold.", "have been shown to"),
    ],
)
def test_research_without_a_study_noun_is_a_mention(lint, text, match):
    assert uncited(lint, text) == [match]


def test_words_inside_a_quotation_are_the_speakers(lint):
    text = 'A trial published in Pain Medicine found less pain.\n\n"Other studies have found the same," said Dr Lee.\n'
    assert uncited(lint, text) == []


def test_a_reference_list_under_a_bold_line_cites_the_articles_study_and_is_not_linted(lint):
    text = (
        "A new trial found that walking eased knee pain.\n\n"
        "**References**\n\n"
        "Lee H, et al. Studies show walking helps knees. Pain Med. 2021.\n"
    )
    assert lint(text, rule=UNCITED) == []


@pytest.mark.parametrize(
    "text",
    [
        "Earlier studies found that one in ten walkers quit, said Dr Ana Ruiz, a surgeon in Lyon.",
        "She cited a 2015 review estimating that two million adults have knee pain.",
        "He added that a previous study showed the same rate in Spain.",
        "As the national arthritis society reports, studies also find more pain in winter.",
        "Research suggests that half of adults walk too little, according to Tom Baker of the walking league.",
    ],
)
def test_research_a_named_person_or_body_relays_is_theirs(lint, text):
    assert uncited(lint, text) == []


@pytest.mark.parametrize(
    "text, match",
    [
        # "according to" research is the article relaying it, whatever else the sentence says.
        ("It was thought that stretching eased back pain, according to earlier studies.", "according to earlier studies"),
        # Words that only look like speech: a disorder's name, adding results to a file.
        ("Early data from a second study reported on walking for Post-Traumatic Stress Disorder.", "a second study reported"),
        ("The firm wants to add the results of another study that suggested walking cut the risk.", "another study that suggested"),
    ],
)
def test_research_relayed_by_nobody_still_needs_a_source(lint, text, match):
    assert uncited(lint, text) == [match]


@pytest.mark.parametrize(
    "text, match",
    [
        # What people say, the study found: the study is the source to cite.
        ("Most walkers say their knees hurt less, according to a study led by the University of Leeds.", "according to a study"),
    ],
)
def test_a_study_that_reports_what_people_say_is_the_source(lint, text, match):
    assert uncited(lint, text) == [match]


@pytest.mark.parametrize(
    "text",
    [
        "Yet based on a 2016 report by the surgeon general, only one adult in ten walks enough.",
        "A 2002 analysis of walking trials conducted by the Agency for Health Research found less pain.",
        "A 2019 review from the American Academy of Orthopaedic Surgeons rated walking highly.",
    ],
)
def test_a_dated_report_of_a_public_body_is_findable(lint, text):
    assert uncited(lint, text) == []


@pytest.mark.parametrize(
    "text, match",
    [
        # A university's or a clinic's study needs its journal, dated or not.
        ("A 2015 study by the University of Leeds found less pain.", "A 2015 study"),
        ("A 2015 UCLA study found less pain in walkers.", "A 2015 UCLA study"),
    ],
)
def test_a_dated_study_of_a_university_still_needs_its_journal(lint, text, match):
    assert uncited(lint, text) == [match]


def test_studies_yet_to_come_need_no_source(lint):
    assert uncited(lint, "If forthcoming studies prove successful, the test could be used widely.\n") == []


def test_research_announced_in_a_short_sentence_is_cited_by_the_example_that_follows(lint):
    text = (
        "And other research has raised new concerns. One 2013 study, published in Knee Care, suggested "
        "that braces weaken the muscles.\n"
    )
    assert uncited(lint, text) == []
    # The example need not be a mention itself: a study named by its link.
    linked = (
        "And other research has raised new concerns. One peer-reviewed 2013 study, https://example.org/knee, "
        "co-authored by Dr Lee, suggested that braces weaken the muscles.\n"
    )
    assert uncited(lint, linked) == []


def test_research_in_general_is_cited_by_the_study_that_follows_on_its_subject(lint):
    text = (
        "Research shows that knee braces ease arthritis pain. A 2019 trial of knee braces, published in "
        "the journal Arthritis Care, was the first to measure it.\n"
    )
    assert uncited(lint, text) == []


@pytest.mark.parametrize(
    "text, match",
    [
        # Another subject: the study cited next is no example of the research before it.
        (
            "Research shows that results vary from person to person. A 2019 trial of swimming, "
            "published in Arthritis Care, found less stiffness.",
            "Research shows",
        ),
        # One study of its own is not cited by the next one's journal.
        (
            "Another trial found that knee braces eased pain. A 2019 trial of knee braces, published in "
            "Arthritis Care, found the same.",
            "Another trial found",
        ),
        # The example must be in the same paragraph.
        (
            "Research shows that knee braces ease pain.\n\nA 2019 trial of knee braces, published in "
            "Arthritis Care, found the same.",
            "Research shows",
        ),
    ],
)
def test_research_in_general_needs_its_own_source_otherwise(lint, text, match):
    assert uncited(lint, text + "\n") == [match]


def test_a_lede_through_the_researchers_is_the_study_the_article_goes_on_to_cite(lint):
    text = (
        "Walking should be the first treatment for knee pain, according to Danish researchers.\n\n"
        "Their advice rests on a study that found walking eased pain more than pills. Results of the "
        "study were published online in the journal Arthritis Care.\n"
    )
    assert uncited(lint, text) == []


def test_research_that_also_found_is_the_research_being_reported(lint):
    text = (
        "In a study published today in the Journal of Knee Health, clinic researchers report that walking eased pain.\n\n"
        "In addition, clinic laboratory research also found that walking cut swelling.\n\n"
        "Previous research also found that swimming helped.\n"
    )
    assert uncited(lint, text) == ["Previous research also found"]


def test_a_link_in_an_about_section_is_the_organisations_website(lint):
    body = (
        "A new study reported that walking eased knee pain.\n\n"
        "About Kneecare, Inc.\n\n"
        "Kneecare makes knee braces. To learn more, visit [our site](https://example.org).\n"
    )
    assert uncited(lint, body) == ["A new study reported"]
    # Under "About the study" the link is the study's.
    assert uncited(lint, body.replace("About Kneecare, Inc.", "About the study")) == []


def test_a_journal_named_after_other_research_alone_does_not_cite_it(lint):
    text = (
        "Stem cell transplants helped people with MS in a small trial.\n\n"
        "Other studies have indicated that current drugs work less well.\n\n"
        "The researchers published the results online Monday in Neurology.\n"
    )
    assert uncited(lint, text) == ["Other studies have indicated"]


def test_another_study_the_article_goes_on_to_report_is_cited_by_its_journal(lint):
    text = (
        "Another study evaluating knee braces finds that they ease pain.\n\n"
        "The study, done in Sweden, found less pain after a year. The research was published online "
        "Wednesday in the journal Arthritis Care.\n"
    )
    assert uncited(lint, text) == []


def test_a_study_set_off_by_commas_is_a_mention(lint):
    text = "A Spanish study, similar to the latest model, found that braces eased pain.\n"
    assert uncited(lint, text) == ["A Spanish study, similar to the latest model, found"]


def test_the_journal_named_before_counts_again(lint):
    text = (
        "A trial published in the journal Arthritis Care found that braces eased pain.\n\n"
        "A second brace study, also reported in the journal, found less swelling.\n"
    )
    assert uncited(lint, text) == []


def test_speech_words_used_as_adjectives_relay_nothing(lint):
    text = "Many doctors now stop the drug after five years. Studies show there may be little added benefit.\n"
    assert uncited(lint, text) == ["Studies show"]


def test_an_about_line_ending_on_inc_opens_boilerplate():
    from claimcheck.analysis.boilerplate import boilerplate_blocks
    from claimcheck.source.document import parse

    document = parse("x.md", "# News\n\nA study found less pain.\n\nAbout Kneecare, Inc.\n\nKneecare makes braces.\n")
    assert boilerplate_blocks(document)[-1] is True


def test_a_journal_named_in_the_notes_after_the_end_mark_cites_the_study(lint):
    text = (
        "Knee braces could spare thousands of operations, research suggests.\n\n"
        "The study found less pain after a year.\n\n"
        "Braces cost less than surgery, the researchers said.\n\n"
        "###\n\n"
        "The research is published in the journal Arthritis Care. It was funded by the Knee Foundation.\n"
    )
    assert uncited(lint, text) == []
    # A link there is still the organisation's website.
    linked = text.replace("published in the journal Arthritis Care", "described at [our site](https://example.org)")
    assert uncited(lint, linked) == ["research suggests"]


def test_a_subtitle_repeated_as_the_first_paragraph_is_one_mention(lint):
    sentence = (
        "Most older walkers say that their knees hurt much less after a year of daily walks, according to a study "
        "led by the University of Leeds in England"
    )
    text = (
        f"# Walking eases knee pain\n\n{sentence}\n\n{sentence}.\n\n"
        "The results, published in the journal Arthritis Care, show less pain.\n"
    )
    assert uncited(lint, text) == []


def test_a_citing_sentence_names_the_study_it_opens_on_not_the_prior_ones_it_mentions(lint):
    text = (
        "Knee braces may spare older walkers an operation, a Leeds University study finds.\n\n"
        "In the study, published in the May 2018 issue of the Journal of Knee Health, researchers set out to "
        "extend prior studies of braces.\n"
    )
    assert uncited(lint, text) == []


def test_a_new_study_described_again_before_its_citation_is_one_study(lint):
    text = (
        "A new study finds that knee braces ease pain in older walkers.\n\n"
        "According to a small study conducted by researchers at the University of Leeds, the braces worked "
        "best in winter.\n\n"
        "The study, which was published in Knee Journal, involved 40 walkers.\n"
    )
    assert uncited(lint, text) == []
    # Said to be earlier, it is another study.
    earlier = text.replace("According to a small study", "According to a 2010 study")
    assert uncited(lint, earlier) == ["According to a 2010 study"]


def test_a_study_described_by_several_hyphenated_words_is_still_the_study(lint):
    text = (
        "A new study published in the journal Menopause suggests that laser therapy may ease symptoms.\n\n"
        "The results of this small, retrospective, non-sham-controlled study demonstrated less pain.\n"
    )
    assert uncited(lint, text) == []


def test_a_study_named_before_its_noun_is_the_study_being_reported(lint):
    text = (
        "A new brace eased knee pain in 9 of 10 walkers, report investigators in an article published online "
        "in the Journal of Knee Health.\n\n"
        "Dr Lee led the Walking Brace for Older Knees (WALK) study reported in the article.\n"
    )
    assert uncited(lint, text) == []


def test_a_study_announced_with_its_journal_is_the_one_the_next_sentence_reports(lint):
    text = (
        "A trial published in the journal Knee Care found that braces eased pain.\n\n"
        "A separate analysis by the same group, also published in The Lancet, looked at swimming. "
        "Researchers at Leeds University found that swimming eased pain too.\n"
    )
    assert uncited(lint, text) == []
    # Without the announcement, the Leeds researchers' finding is a study of its own.
    alone = text.replace("A separate analysis by the same group, also published in The Lancet, looked at swimming. ", "")
    assert uncited(lint, alone) == ["Researchers at Leeds University found"]


def test_a_lede_that_cites_a_report_is_the_study_its_researchers_then_describe(lint):
    text = (
        "A daily walk could keep knee pain away, according to a new report in the journal Knee Care.\n\n"
        "Researchers in Denmark found that walkers were less likely to need surgery.\n"
    )
    assert uncited(lint, text) == []



def test_the_paragraph_a_speaker_is_handed_is_the_speakers_words(lint):
    speech = (
        "Previous animal studies from our lab have shown that these brain cells drive the habit, "
        "and we wanted to test it in people.\u201d\n"
    )
    assert uncited(lint, "Dr. Bonci continued:\n\n" + speech) == []
    assert uncited(lint, "Dr. Bonci continued his work.\n\n" + speech) == ["Previous animal studies from our lab have shown"]


def test_a_source_line_at_the_foot_of_a_story_cites_its_study(lint):
    story = (
        "Drinking coffee may protect the liver, according to a new study.\n\n"
        "The researchers followed 5,000 people for ten years.\n"
    )
    assert uncited(lint, story) == ["according to a new study"]
    assert uncited(lint, story + "\nSOURCE: Hepatology, online May 26, 2010.\n") == []


def test_the_researchers_named_right_after_a_citation_did_the_cited_study(lint):
    text = (
        "A gene raises the risk of heart failure, according to a study published in the New England Journal of "
        "Medicine. Researchers at Boston University have discovered that the gene is common.\n"
    )
    assert uncited(lint, text) == []
    uncited_before = "A gene raises the risk of heart failure. Researchers at Boston University have discovered that the gene is common.\n"
    assert uncited(lint, uncited_before) == ["Researchers at Boston University have discovered"]


def test_a_mention_inside_a_hyphenated_word_is_shown_from_its_start(lint):
    text = "The drug cleared the cells, a trial found. Follow-up studies in mice showed the disease stopped.\n"
    assert "Follow-up studies in mice showed" in uncited(lint, text)
