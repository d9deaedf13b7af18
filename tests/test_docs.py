"""The README and docs/ agree with the code: generated reference, modules, options, packs, examples, links."""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, write

from claimcheck.cli import build_parser
from claimcheck.ruleset.config import KEYS
from claimcheck.ruleset.reading import SETTINGS

DOCS = ROOT / "docs"
PACKS = ROOT / "rules"


def page(name: str) -> str:
    """The text of a page of the manual (or the README)."""
    return (ROOT / name).read_text(encoding="utf-8")


def manual() -> str:
    """The README and every page of docs/, as one text."""
    return "\n".join([page("README.md"), *(path.read_text(encoding="utf-8") for path in sorted(DOCS.glob("*.md")))])


def blocks(text: str, language: str) -> list[str]:
    """The fenced code blocks of one language in a page, without their fences."""
    return re.findall(rf"^```{language}\n(.*?)^```", text, re.S | re.M)


def docs_reference() -> ModuleType:
    """tools/docs_reference.py, loaded from its file (tools/ is not a package)."""
    spec = importlib.util.spec_from_file_location("docs_reference", ROOT / "tools" / "docs_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rules_reference_is_what_the_generator_prints_now():
    generator = docs_reference()
    section = generator.page_section(page("docs/rules.md"))
    assert section is not None, "docs/rules.md has lost its generated reference markers"
    assert section == generator.reference(), "docs/rules.md is stale: run .venv/bin/python tools/docs_reference.py --write"


def test_the_reference_names_every_kind_and_key():
    from claimcheck.checks import KINDS
    from claimcheck.ruleset.parse import HEADER_KEYS

    reference = docs_reference().reference()
    assert all(f"### `{kind}`" in reference for kind in KINDS)
    assert all(f"- `{key}`:" in reference for kind in KINDS.values() for key in kind.keys)
    assert all(f"| `{key}` |" in reference for key in HEADER_KEYS)


def _modules_on_disk() -> set[str]:
    """Every module of the package as the architecture page names it: a subpackage by its folder."""
    names = set()
    for path in (ROOT / "claimcheck").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if path.name == "__init__.py" and path.parent.name != "claimcheck":
            relative = relative.removesuffix("__init__.py")
        names.add(relative)
    return names


def _modules_on_page() -> set[str]:
    """Every `claimcheck/...py` or `claimcheck/.../` the architecture page names in code spans."""
    return set(re.findall(r"`(claimcheck/[\w/]*?(?:\.py|/))`", page("docs/architecture.md")))


def test_the_architecture_page_lists_every_module():
    missing = sorted(_modules_on_disk() - _modules_on_page())
    assert not missing, f"docs/architecture.md does not list: {', '.join(missing)}"


def test_the_architecture_page_lists_no_module_that_does_not_exist():
    gone = sorted(_modules_on_page() - _modules_on_disk())
    assert not gone, f"docs/architecture.md lists modules that do not exist: {', '.join(gone)}"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(actions[0].choices) if actions else {}


def test_every_command_line_option_is_documented():
    text = manual()
    parser = build_parser()
    options = {option for action in parser._actions for option in action.option_strings}
    for command, sub in _subparsers(parser).items():
        assert f"claimcheck {command}" in text, command
        options |= {option for action in sub._actions for option in action.option_strings}
    options -= {"-h", "--help"}
    missing = sorted(option for option in options if not re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text))
    assert not missing, f"options not in README.md or docs/: {', '.join(missing)}"


def test_every_output_format_is_documented():
    from claimcheck.output.formatters import FORMATS

    text = page("docs/usage.md")
    assert all(f"`{name}`" in text for name in FORMATS)


def test_every_pack_and_rule_is_in_the_packs_page():
    text = page("docs/packs.md")
    packs = sorted(path.name for path in PACKS.iterdir() if path.is_dir())
    assert packs, "no rule packs found"
    assert [pack for pack in packs if f"## {pack}\n" not in text] == []
    rules = [f"{path.parent.name}.{path.stem}" for path in PACKS.glob("*/*.yml")]
    assert [rule for rule in rules if f"`{rule}`" not in text] == []


def test_every_config_key_and_reading_level_setting_is_documented():
    text = page("docs/configuration.md")
    assert [key for key in KEYS if f"\n{key}:" not in text and f"`{key}`" not in text] == []
    assert [key for key in SETTINGS if f"  {key}:" not in text] == []


def _shape(value: Any) -> Any:
    """The keys of a JSON value, nested, with lists reduced to their first element's shape."""
    if isinstance(value, dict):
        return {key: _shape(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__ if value is not None else None


def test_the_json_example_has_the_keys_of_the_real_report(cli, monkeypatch):
    example = json.loads(blocks(page("docs/json.md"), "json")[0])
    monkeypatch.chdir(ROOT)
    real = json.loads(cli("check", "--format", "json", "corpus/clinic-hype.md").out)
    shown = example["files"][0]["findings"][0]
    assert shown in real["files"][0]["findings"]
    # Findings differ in keys (only a claim finding has `strength`): the example's finding is
    # held to the real one it shows. Key order is part of the contract that readers see; a
    # null suggestion matches any value.
    real["files"][0]["findings"] = [shown]
    assert json.dumps(_shape(example)) == json.dumps(_shape(real))
    assert example["summary"] == real["summary"]


def _console_examples() -> list[tuple[str, str, str]]:
    """(page, command line, output) of every console example that runs `claimcheck check` on corpus/."""
    found = []
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        for block in blocks(path.read_text(encoding="utf-8"), "console"):
            command, _, output = block.partition("\n")
            if re.fullmatch(r"\$ claimcheck check( --\S+( \w+)?)* corpus/\S+", command):
                found.append((path.name, command[2:], output))
    return found


@pytest.mark.parametrize(("name", "command", "output"), _console_examples())
def test_console_examples_show_real_output(name, command, output, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    real = cli(*command.split()[1:]).out.splitlines()
    for line in output.splitlines():
        if line.strip() in ("", "..."):
            continue
        # "..." inside a line stands for words left out of the example.
        pattern = ".*".join(re.escape(part) for part in line.split("..."))
        assert any(re.fullmatch(pattern, seen) for seen in real), f"{name}: `{command}` does not print: {line}"


def test_the_console_examples_are_found():
    assert {name for name, _, _ in _console_examples()} >= {"README.md", "packs.md"}


def test_the_rule_examples_in_rules_md_load_and_pass_their_own_examples(tmp_path, cli):
    examples = [block for block in blocks(page("docs/rules.md"), "yaml") if block.startswith("extends:")]
    assert len(examples) >= 3
    for number, text in enumerate(examples):
        write(tmp_path, f"house/docs/example{number}.yml", text)
    write(tmp_path, ".claimcheck.yaml", "packs: []\nrule-paths: [house]\n")
    result = cli("rules", "--check")
    assert (result.code, result.err) == (0, ""), result.out
    assert f"{len(examples)} rules checked: 0 problems" in result.out


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _links() -> list[tuple[Path, str]]:
    links = []
    for path in [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]:
        text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.S | re.M)
        links += [(path, target) for target in re.findall(r"\]\(([^)\s]+)\)", text) if "://" not in target]
    return links


def test_every_link_between_pages_leads_somewhere():
    broken = []
    for source, target in _links():
        file, _, anchor = target.partition("#")
        destination = (source.parent / file).resolve() if file else source
        if not destination.exists():
            broken.append(f"{source.name}: {target}")
        elif anchor and destination.suffix == ".md":
            headings = re.findall(r"^#+ (.*)$", destination.read_text(encoding="utf-8"), re.M)
            if anchor not in {_anchor(heading) for heading in headings}:
                broken.append(f"{source.name}: {target}")
    assert broken == []


def test_the_readme_stays_short_and_points_into_docs():
    readme = page("README.md")
    assert len(readme.splitlines()) <= 200
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)", readme))
    assert linked == {path.name for path in DOCS.glob("*.md")}
