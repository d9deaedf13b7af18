"""Sources: reading CSL-JSON, BibTeX and abstract folders; citations resolved; the source kind; --sources, config and sidecars."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, write

from claimcheck.analysis.citations import Library, cited, conclusion
from claimcheck.core.errors import ClaimcheckError
from claimcheck.nlp.pipeline import sentences
from claimcheck.ruleset.config import Config, load_config
from claimcheck.run.lint import analyse, lint_file, lint_text
from claimcheck.run.load import load_ruleset
from claimcheck.source.document import parse
from claimcheck.source.references import Reference, load_sources, parse_bibtex, parse_csl_json

EXAMPLE_SOURCES = ROOT / "rules" / "evidence" / "beyond-source.references.json"

SMITH = Reference(
    key="smith2020", doi="10.5555/coffee.2020", pmid="31000001", authors=("Smith", "Okafor", "Lind"), year=2020,
    title="Coffee consumption and chronic liver disease",
    abstract="BACKGROUND: Coffee has been linked with liver health. METHODS: 12 000 adults. RESULTS: Fewer cases. "
    "CONCLUSIONS: Drinking coffee was associated with a lower risk of chronic liver disease. FUNDING: None.",
)
PARK = Reference(
    key="park2021", authors=("Park",), year=2021, title="Green tea extract and tumour growth",
    abstract="Forty mice with implanted tumours were fed green tea extract. Tumours grew more slowly. "
    "Green tea extract slowed tumour growth.",
)
LEE = Reference(key="lee2019", pmid="29999999", authors=("Lee", "Kim"), year=2019, title="Walking and blood pressure in adults",
                abstract="CONCLUSION: Walking may lower blood pressure in adults.")


# --- reading sources ---------------------------------------------------------------------


def test_csl_json_items_become_references():
    text = json.dumps([{
        "id": "a1", "DOI": "https://doi.org/10.1000/ABC", "PMID": "123", "title": "T",
        "author": [{"family": "Smith", "given": "J"}, {"literal": "WHO"}], "issued": {"date-parts": [[2020, 5]]},
        "abstract": "Some  words.",
    }])
    (reference,) = parse_csl_json(text, "refs.json")
    assert reference == Reference("a1", "10.1000/abc", "123", ("Smith", "WHO"), 2020, "T", "Some words.", "refs.json")


def test_bibtex_entries_fields_braces_quotes_numbers_and_comments():
    text = (
        "% a comment line\n@string{jama = \"JAMA\"}\n@comment{anything {nested}}\nwrite to a@b.org\n"
        "@Article{smith2020,\n  author = {Smith, John and Lee, Ann and {World Health Organization}},\n"
        "  title = {Coffee and {Liver} Disease},\n  year = 2020,\n  doi = {10.1001/jama.2020.1234},\n"
        "  pmid = \"31234567\",\n  journal = jama,\n  abstract = {CONCLUSIONS: A {nested {brace}} here.},\n}\n"
        "@book(k2, author = \"Jane Q. Doe and others\", title = \"A\" # \" B\")\n"
    )
    first, second = parse_bibtex(text, "refs.bib")
    assert first == Reference(
        "smith2020", "10.1001/jama.2020.1234", "31234567", ("Smith", "Lee", "World Health Organization"), 2020,
        "Coffee and Liver Disease", "CONCLUSIONS: A nested brace here.", "refs.bib",
    )
    assert (second.key, second.authors, second.title) == ("k2", ("Doe",), "A B")


def test_a_folder_of_abstracts_is_named_by_key_pmid_or_doi(tmp_path):
    write(tmp_path, "smith2020.txt", "Coffee was associated\nwith less disease.")
    write(tmp_path, "31234567.txt", "An abstract.")
    write(tmp_path, "10.1001_jama.2020.1234.md", "Another abstract.")
    write(tmp_path, "notes.pdf", "ignored")
    found = {r.key: r for r in load_sources(tmp_path)}
    assert set(found) == {"smith2020", "31234567", "10.1001_jama.2020.1234"}
    assert found["smith2020"].abstract == "Coffee was associated with less disease."
    assert found["31234567"].pmid == "31234567"
    assert found["10.1001_jama.2020.1234"].doi == "10.1001/jama.2020.1234"


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("refs.json", '{"id": "a"}', "refs.json:1: CSL-JSON must be a list"),
        ("refs.json", '[{"id": "a"},\n {"title": "no id"}]', "refs.json:2: a CSL-JSON item needs an 'id'"),
        ("refs.json", '[\n{"id": "a",}]', "refs.json:2: not valid JSON"),
        ("refs.json", '[\n{"id": "a", "issued": {"date-parts": "x"}}]', "refs.json:2: item 'a': 'issued'"),
        ("refs.json", '[{"id": "a", "PMID": "abc"}]', "refs.json:1: item 'a': a PMID is a number"),
        ("refs.json", "[" * 200_000, "refs.json:1: an item is nested too deeply"),
        ("refs.bib", "@article{a,\n  title = {x}\n", "refs.bib:1: the entry is not closed"),
        ("refs.bib", "@article{a,\n  title = " + "{" * 5000, "refs.bib:2: braces nested more than 32 deep"),
        ("refs.bib", "@article{a,\n  year = {soon}}", "refs.bib:2: entry 'a': 'year' must be a year"),
        ("refs.bib", "@article{a\n  title = {x}}", "refs.bib:2: ',' or the end of the entry expected"),
        ("refs.bib", "@article{a,\n  title {x}}", "refs.bib:2: '=' expected after 'title'"),
        ("refs.bib", "\n\n@article{a, title = \"open}", "refs.bib:3: a '}' without its '{' in a quoted value"),
        ("refs.txt", "x", "refs.txt: sources must be a .bib or CSL-JSON .json file"),
    ],
)
def test_a_bad_source_file_is_one_line_naming_file_and_line(tmp_path, name, text, where):
    path = Path(write(tmp_path, name, text))
    with pytest.raises(ClaimcheckError) as raised:
        load_sources(path)
    assert str(raised.value).startswith(f"{tmp_path}/{where}")
    assert "\n" not in str(raised.value)


def test_a_source_file_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_bytes(b"@article{a,\n title = {caf\xe9}}")
    with pytest.raises(ClaimcheckError, match=r"refs.bib:2: not UTF-8 text"):
        load_sources(path)


# --- conclusions ----------------------------------------------------------------------------


def test_the_conclusion_is_the_labelled_section_up_to_the_next_label():
    assert conclusion(SMITH) == "Drinking coffee was associated with a lower risk of chronic liver disease."


@pytest.mark.parametrize("label", ["CONCLUSION:", "Conclusions:", "INTERPRETATION:", "CONCLUSIONS AND RELEVANCE:"])
def test_every_conclusion_label_is_read(label):
    abstract = f"BACKGROUND: Why. RESULTS: What. {label} Tea was linked with sleep. TRIAL REGISTRATION: NCT1."
    assert conclusion(Reference("k", abstract=abstract)) == "Tea was linked with sleep."


def test_without_a_label_the_conclusion_is_the_last_two_sentences_or_the_last():
    assert conclusion(PARK) == "Tumours grew more slowly. Green tea extract slowed tumour growth."
    short = Reference("k", abstract="We studied tea (Smith et al. 2019). Tea was linked with sleep.")
    assert conclusion(short) == "Tea was linked with sleep."


# --- citations ----------------------------------------------------------------------------


def _citations(text: str, references=(SMITH, PARK, LEE)) -> list[tuple[str, str | None]]:
    analysis = analyse(parse("draft.md", text))
    library = Library(tuple(references))
    found = []
    for index, _, doc in analysis.prose():
        for sentence in sentences(doc):
            found += [(c.text, c.reference.key if c.reference else None) for c in cited(analysis, index, sentence, library)]
    return found


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Coffee helps (Smith, 2020).", "smith2020"),
        ("Coffee helps (Smith et al., 2020).", "smith2020"),
        ("Coffee helps (Smith et al. 2020).", "smith2020"),
        ("Coffee helps (Smith and Okafor, 2020).", "smith2020"),
        ("Smith et al. (2020) found that coffee helps.", "smith2020"),
        ("Walking helps (see Lee and Kim, 2019; Park 2021).", "lee2019"),
        ("Coffee helps [@smith2020].", "smith2020"),
        ("Coffee helps (doi:10.5555/coffee.2020).", "smith2020"),
        ("Coffee helps ([study](https://doi.org/10.5555/COFFEE.2020)).", "smith2020"),
        ("Walking helps (PMID: 29999999).", "lee2019"),
        ("Walking helps ([study](https://pubmed.ncbi.nlm.nih.gov/29999999/)).", "lee2019"),
        ("Coffee helps [1].\n\n## References\n\n1. Smith J, et al. Coffee. 2020.\n", "smith2020"),
        ("Coffee helps [2].\n\n## References\n\n1. Other.\n2. Any title. doi:10.5555/coffee.2020\n", "smith2020"),
        ("Tea helps [1].\n\n## References\n\n1. P. H. Green tea extract and tumour growth. Journal.\n", "park2021"),
        ("Coffee helps.[^1]\n\n[^1]: Smith J. Coffee and the liver. 2020.\n", "smith2020"),
        ("Walking helps[^2].\n\n[^2]: https://pubmed.ncbi.nlm.nih.gov/29999999/\n", "lee2019"),
        ("Coffee helps[^smith2020].\n", "smith2020"),
    ],
)
def test_every_citation_form_resolves(text, key):
    assert key in [resolved for _, resolved in _citations(text)]


def test_a_citation_of_no_source_is_unresolved_and_an_ambiguous_one_too():
    assert _citations("Coffee helps (Jones, 2018).") == [("Jones, 2018", None)]
    twin = replace(SMITH, key="smith2020b", authors=("Smith", "Ng"))
    assert _citations("Coffee helps (Smith et al., 2020).", (SMITH, twin)) == [("Smith et al., 2020", None)]
    assert _citations("Coffee helps (Smith and Ng, 2020).", (SMITH, twin)) == [("Smith and Ng, 2020", "smith2020b")]


def test_a_sentence_without_citations_has_none():
    assert _citations("Coffee is a drink. In 2020 many people drank it.") == []


# --- the check ----------------------------------------------------------------------------


@pytest.fixture
def with_sources(ruleset):
    sourced = replace(ruleset, references=(SMITH, PARK, LEE))

    def run(text: str, rule: str = "evidence.beyond-source"):
        return [f for f in lint_text("draft.md", text, sourced).findings if f.rule == rule]

    return run


def test_a_causal_claim_from_a_correlational_study_quotes_both_sides(with_sources):
    (finding,) = with_sources("Coffee reduces the risk of liver disease (Smith et al., 2020).")
    assert finding.match == "reduces"
    assert finding.message == "The cited study (Smith et al. 2020) concluded 'was associated with'; the draft says 'reduces'."
    assert finding.level == "warning" and finding.category == "overclaim"
    assert finding.source is not None and finding.source.key == "smith2020"
    assert finding.source.conclusion == "Drinking coffee was associated with a lower risk of chronic liver disease."


def test_a_claim_about_people_from_a_study_in_mice(with_sources):
    (finding,) = with_sources("Green tea extract slows tumour growth (Park, 2021).")
    assert finding.message == "The cited study (Park 2021) was in mice; the draft does not say so."


@pytest.mark.parametrize(
    "text",
    [
        "Coffee drinking was associated with a lower risk of liver disease (Smith et al., 2020).",
        "In mice, green tea extract slowed tumour growth (Park, 2021).",
        "Walking may lower blood pressure (Lee and Kim, 2019).",
        "Coffee does not reduce the risk of liver disease (Smith et al., 2020).",
        "Does coffee reduce the risk of liver disease (Smith et al., 2020)?",
        "“Coffee reduces the risk of liver disease,” she said (Smith et al., 2020).",
        "Coffee reduces the risk of liver disease (Jones, 2018).",
        "Coffee reduces the risk of liver disease.",
    ],
)
def test_not_reported(with_sources, text):
    assert with_sources(text) == []


def test_nothing_at_all_without_sources(lint):
    text = "Coffee reduces the risk of liver disease (Smith et al., 2020). Tea cures colds (Jones, 2018)."
    assert [f for f in lint(text) if f.rule in ("evidence.beyond-source", "evidence.unresolved-source")] == []


def test_an_unresolved_citation_is_an_info_note_on_its_words(with_sources):
    (finding,) = with_sources("Coffee reduces the risk of liver disease (Jones, 2018).", "evidence.unresolved-source")
    assert (finding.level, finding.match) == ("info", "Jones, 2018")


def test_the_source_is_in_the_json_of_those_findings_only(with_sources, ruleset):
    sourced = replace(ruleset, references=(SMITH,))
    findings = lint_text("draft.md", "Coffee reduces the risk of liver disease (Smith et al., 2020). It cures all.", sourced).findings
    shown = {f.rule: f.as_json() for f in findings}
    assert shown["evidence.beyond-source"]["source"] == {
        "key": "smith2020", "conclusion": "Drinking coffee was associated with a lower risk of chronic liver disease.",
    }
    assert "source" not in shown["claims.cure"]


# --- where sources come from: --sources, the config, the sidecar ---------------------------

DRAFT = "# Coffee\n\nCoffee reduces the risk of liver disease (Smith et al., 2020).\n"


def test_cli_sources_option(cli, tmp_path):
    write(tmp_path, "draft.md", DRAFT)
    assert "evidence.beyond-source" not in cli("check", "--format", "json", "draft.md").out
    result = cli("check", "--format", "json", "--sources", str(EXAMPLE_SOURCES), "draft.md")
    findings = json.loads(result.out)["files"][0]["findings"]
    assert [f["source"]["key"] for f in findings if f["rule"] == "evidence.beyond-source"] == ["smith2020"]


def test_cli_sources_repeatable_and_missing_is_exit_2(cli, tmp_path):
    write(tmp_path, "draft.md", DRAFT)
    folder = tmp_path / "abstracts"
    write(folder, "other.txt", "Unrelated.")
    result = cli("check", "--sources", str(folder), "--sources", str(EXAMPLE_SOURCES), "draft.md")
    assert "evidence.beyond-source" in result.out
    missing = cli("check", "--sources", "nowhere.bib", "draft.md")
    assert missing.code == 2 and missing.err.strip() == "claimcheck: nowhere.bib: sources file or folder not found (from --sources)"


def test_a_broken_sources_file_is_exit_2_with_file_and_line(cli, tmp_path):
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "refs.bib", "@article{a,\n  title = {x\n")
    result = cli("check", "--sources", "refs.bib", "draft.md")
    assert result.code == 2
    assert result.err.strip().endswith("refs.bib:2: a '{' is never closed")
    assert "Traceback" not in result.err


def test_config_sources_are_relative_to_the_config(cli, tmp_path):
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "refs/coffee.json", EXAMPLE_SOURCES.read_text(encoding="utf-8"))
    write(tmp_path, ".claimcheck.yaml", "sources: [refs/coffee.json]\n")
    assert "evidence.beyond-source" in cli("check", "draft.md").out
    assert load_config(tmp_path / ".claimcheck.yaml").sources == (tmp_path / "refs/coffee.json",)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("packs: [evidence]\nsources: 3\n", ":2: 'sources' must be a path or a list of paths"),
        ("sources:\n  - missing.bib\n", ":1: 'sources': 'missing.bib' not found"),
    ],
)
def test_a_bad_sources_key_names_its_line(tmp_path, text, error):
    path = Path(write(tmp_path, ".claimcheck.yaml", text))
    with pytest.raises(ClaimcheckError) as raised:
        load_config(path)
    assert str(raised.value).startswith(f"{path}{error}")


@pytest.mark.parametrize("sidecar", ["draft.bib", "draft.references.json"])
def test_a_sidecar_beside_the_draft_is_read(cli, tmp_path, sidecar):
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "other.md", DRAFT)
    if sidecar.endswith(".bib"):
        write(tmp_path, sidecar, "@article{smith2020, author = {Smith, J and Okafor, C}, year = 2020,\n"
              " abstract = {CONCLUSIONS: Coffee was associated with less liver disease.}}\n")
    else:
        write(tmp_path, sidecar, EXAMPLE_SOURCES.read_text(encoding="utf-8"))
    result = cli("check", "draft.md", "other.md")
    assert result.out.count("evidence.beyond-source") == 1
    assert "draft.md:3:8" in result.out


def test_a_broken_sidecar_is_a_file_error(cli, tmp_path):
    write(tmp_path, "draft.md", DRAFT)
    write(tmp_path, "draft.references.json", "[\n  {\"id\": 1.5}\n]")
    result = cli("check", "draft.md")
    assert result.code == 2
    assert "draft.references.json:2: a CSL-JSON item needs an 'id'" in result.err


def test_the_cache_sees_a_changed_sidecar(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMCHECK_CACHE_SECRET", str(tmp_path / "secret"))
    write(tmp_path, "draft.md", DRAFT)
    assert "evidence.beyond-source" not in cli("check", "--cache", "draft.md").out
    write(tmp_path, "draft.references.json", EXAMPLE_SOURCES.read_text(encoding="utf-8"))
    first = cli("check", "--cache", "--format", "json", "draft.md").out
    again = cli("check", "--cache", "--format", "json", "draft.md").out
    assert "evidence.beyond-source" in first and first == again
    assert '"source"' in again


def test_the_suggestion_gives_the_sources_own_words_or_where_it_was_found():
    found = {}
    for name in ("coffee-liver.md", "omega3-memory.md"):
        report = lint_file(CORPUS / name, load_ruleset(Config()))
        found.update({f.match: f.suggestion for f in report.findings if f.rule == "evidence.beyond-source"})
    assert found["prevents"] == "Say it as the study did: 'was associated with'."
    assert found["protects"] == "Say it was found in mice."
