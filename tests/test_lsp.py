"""The language server, driven over stdio by a real LSP client (pytest-lsp), one server for the module."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server's tests need the 'lsp' extra (pygls)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="the language server's tests need pytest-lsp")

from helpers.golden import read_expected  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.exceptions import JsonRpcException  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities  # noqa: E402

from claimcheck.fix.fixes import fix_text  # noqa: E402
from claimcheck.run.load import RuleSet  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
pytestmark = pytest.mark.asyncio(loop_scope="module")
WAIT = 60.0  # seconds: the first check loads spaCy and the rules on a busy machine


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of drafts for the server, with no config file above it."""
    return tmp_path_factory.mktemp("lsp-workspace")


def _client() -> LanguageClient:
    client = pytest_lsp.make_test_lsp_client()

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        client.registrations = [*getattr(client, "registrations", []), *params.registrations]

    @client.feature(types.WORKSPACE_INLAY_HINT_REFRESH)
    def refresh(params: None) -> None:
        return None

    return client


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "claimcheck", "lsp"], client_factory=_client),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    """A client with VS Code's capabilities, its workspace a temporary folder."""
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=client_capabilities("visual-studio-code"),
            root_uri=workspace.as_uri(),
            workspace_folders=[types.WorkspaceFolder(workspace.as_uri(), "drafts")],
            initialization_options={"debounceMs": 50},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def _settle(client: LanguageClient, uri: str, ready: Callable[[list[types.Diagnostic]], bool]) -> list[types.Diagnostic]:
    """The draft's diagnostics once they satisfy `ready` (the client stores the latest published)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        found = client.diagnostics.get(uri)
        if found is not None and ready(found):
            return found
        await asyncio.sleep(0.02)
    raise AssertionError(f"no diagnostics as expected for {uri}: {client.diagnostics.get(uri)}")


def _open(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    client.diagnostics.pop(uri, None)
    language = "plaintext" if path.suffix == ".txt" else "markdown"
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, version, text)))
    return uri


def _change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.diagnostics.pop(uri, None)
    change = types.TextDocumentContentChangeWholeDocument(text=text)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change])
    )


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _offset(text: str, position: types.Position) -> int:
    """The Python index of an LSP (UTF-16) position in `text`."""
    line_start = 0
    for _ in range(position.line):
        line_start = text.index("\n", line_start) + 1
    line = text[line_start:].split("\n", 1)[0]
    return line_start + len(_utf16(line)[: 2 * position.character].decode("utf-16-le"))


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply text edits the way an editor does: all against the original text."""
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: _offset(text, edit.range.start)] + edit.new_text + text[_offset(text, edit.range.end) :]
    return text


def _covered(text: str, span: types.Range) -> str:
    return text[_offset(text, span.start) : _offset(text, span.end)]


def _edits(action: types.CodeAction) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.document_changes
    return [edit for change in action.edit.document_changes for edit in change.edits]  # type: ignore[union-attr]


async def test_corpus_draft_gets_its_expected_diagnostics_at_their_ranges(
    client: LanguageClient, workspace: Path, ruleset: RuleSet
) -> None:
    draft = workspace / "jargon-heavy.md"
    text = (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8")
    draft.write_text(text, encoding="utf-8")
    found = await _settle(client, _open(client, draft, text), bool)

    got = set()
    for diagnostic in found:
        assert diagnostic.source == "claimcheck"
        if diagnostic.range.start == types.Position(0, 0) and diagnostic.code in ("advice.doctor", "readability.document"):
            got.add(f"document {diagnostic.code}")
        else:
            start = diagnostic.range.start
            match = " ".join(_covered(text, diagnostic.range).split())
            got.add(f'{start.line + 1}:{start.character + 1} {diagnostic.code} "{match}"')
    assert got == set(read_expected(CORPUS / "jargon-heavy.expected"))
    severity = {"error": 1, "warning": 2, "info": 3}  # the protocol's numbers
    for diagnostic in found:
        rule = ruleset.get(str(diagnostic.code))
        assert rule is not None and diagnostic.severity == severity[rule.level]
        assert diagnostic.code_description == (types.CodeDescription(rule.link) if rule.link else None)


async def test_levels_links_and_an_emoji_before_a_finding(client: LanguageClient, workspace: Path) -> None:
    # An emoji is one character to claimcheck and two UTF-16 code units to the editor.
    text = "# Acupuncture 🌿\n\n🌿🌿 Acupuncture cures MS. Talk with your neurologist first.\n\nYou could try acupuncture.\n"
    uri = _open(client, workspace / "emoji.md", text)
    found = await _settle(client, uri, lambda ds: any(d.code == "claims.cure" for d in ds))
    cure = next(d for d in found if d.code == "claims.cure")
    assert cure.severity == types.DiagnosticSeverity.Error
    assert cure.range.start == types.Position(2, 5 + len("Acupuncture "))
    assert _covered(text, cure.range) == "cures"
    assert cure.range.end == types.Position(2, 5 + len("Acupuncture cures"))
    practitioner = next(d for d in found if d.code == "advice.practitioner")
    assert practitioner.range.start == types.Position(0, 0)  # a document-level finding, at the top
    assert practitioner.range.end == types.Position(0, len(_utf16("# Acupuncture 🌿")) // 2)


async def test_code_action_applies_the_fix_that_fix_makes(client: LanguageClient, workspace: Path, ruleset: RuleSet) -> None:
    text = "# Fatigue 😀\n\n😀 Patients utilize rest. Talk with your doctor.\n"
    draft = workspace / "fix-me.md"
    uri = _open(client, draft, text)
    found = await _settle(client, uri, lambda ds: any(d.code == "plain-language.wordy" for d in ds))
    jargon = next(d for d in found if d.code == "plain-language.wordy")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), jargon.range, types.CodeActionContext([jargon]))
    )
    assert actions
    fix = next(a for a in actions if a.is_preferred)
    fixed = _apply(text, _edits(fix))
    assert fixed == fix_text(str(draft), text, ruleset).after
    assert "utilize" not in fixed
    _change(client, uri, fixed, 2)
    after = await _settle(client, uri, lambda ds: True)
    assert not any(d.code == "plain-language.wordy" for d in after)


async def test_code_action_disables_the_rule_on_that_line(client: LanguageClient, workspace: Path) -> None:
    text = "# Claims\n\nWe think\nacupuncture cures MS. Talk with your doctor and a licensed acupuncturist.\n"
    uri = _open(client, workspace / "disable.md", text)
    found = await _settle(client, uri, lambda ds: any(d.code == "claims.cure" for d in ds))
    cure = next(d for d in found if d.code == "claims.cure")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(uri), cure.range, types.CodeActionContext([cure]))
    )
    disable = next(a for a in actions or [] if a.title == "Disable claims.cure on this line")
    changed = _apply(text, _edits(disable))
    # Inside a wrapped paragraph the directive ends the line before, so the paragraph stays whole.
    assert changed == text.replace("We think\n", "We think <!-- claimcheck disable-next-line claims.cure -->\n")
    _change(client, uri, changed, 2)
    after = await _settle(client, uri, lambda ds: True)
    assert [d.code for d in after] == []

    explain = next(a for a in actions or [] if isinstance(a, types.Command))
    assert explain.command == "claimcheck.explainRule" and explain.title == "Explain claims.cure"
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(explain.command, explain.arguments))
    assert result.startswith("claims.cure\n") and "Reported:" in result
    await asyncio.sleep(0.1)
    assert any(message.message == result for message in client.messages)


async def test_hover_and_reading_level_hints(client: LanguageClient, workspace: Path) -> None:
    text = (CORPUS / "jargon-heavy.md").read_text(encoding="utf-8")
    uri = _open(client, workspace / "hover.md", text)
    found = await _settle(client, uri, bool)
    word = next(d for d in found if d.code == "plain-language.medical")
    shown = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), word.range.start))
    assert shown is not None
    body = shown.contents.value  # type: ignore[union-attr]
    assert "**plain-language.medical**" in body and "Suggestion: add-on" in body and "Reported:" in body

    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(40, 0)))
    )
    assert hints is not None
    labels = {hint.position.line: hint.label for hint in hints}
    assert labels[0] == "reading grade 21.4 (target 8) · section grade 23.0, too short to judge"
    assert labels[6].startswith("section grade ")
    # The grade moves as the writer edits: a plainer section reads at a lower grade.
    lines = text.split("\n")
    plainer = "\n".join([lines[0], "", "MS is a long-term illness. It can make you tired. It can make your legs stiff.", *lines[5:]])
    _change(client, uri, plainer, 2)
    await _settle(client, uri, lambda ds: True)
    hints = await client.text_document_inlay_hint_async(
        types.InlayHintParams(types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(40, 0)))
    )
    assert hints is not None
    grade, section = str(hints[0].label).split(" · ")
    assert float(grade.split()[2]) < 21.4
    assert float(section.split()[2].rstrip(",")) < 23.0


async def test_config_changes_change_the_diagnostics(client: LanguageClient, workspace: Path) -> None:
    folder = workspace / "configured"
    folder.mkdir()
    text = "# Fatigue\n\nAcupuncture cures MS fatigue. You could try acupuncture.\n"
    uri = _open(client, folder / "draft.md", text)
    found = await _settle(client, uri, lambda ds: any(d.code == "claims.cure" for d in ds))
    assert any(d.code == "advice.doctor" for d in found)

    config = folder / ".claimcheck.yaml"
    config.write_text("rules:\n  advice.doctor: off\n  claims.cure: info\n", encoding="utf-8")
    _watched(client, config, types.FileChangeType.Created)
    found = await _settle(client, uri, lambda ds: not any(d.code == "advice.doctor" for d in ds))
    assert next(d for d in found if d.code == "claims.cure").severity == types.DiagnosticSeverity.Information

    # A broken config is one diagnostic on the config file, on its line; the server carries on.
    config.write_text("rules:\n  advice.doctor: off\n  claims.cure: loud\n", encoding="utf-8")
    _watched(client, config, types.FileChangeType.Changed)
    found = await _settle(client, uri, lambda ds: [d.code for d in ds] == ["claimcheck.config"])
    on_config = await _settle(client, config.as_uri(), bool)
    assert len(on_config) == 1 and on_config[0].range.start.line == 2
    assert "claims.cure" in on_config[0].message

    config.unlink()
    _watched(client, config, types.FileChangeType.Deleted)
    found = await _settle(client, uri, lambda ds: any(d.code == "advice.doctor" for d in ds))
    assert await _settle(client, config.as_uri(), lambda ds: len(ds) == 0) == ()


def _watched(client: LanguageClient, path: Path, kind: types.FileChangeType) -> None:
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([types.FileEvent(path.as_uri(), kind)]))


async def _raw(client: LanguageClient, body: bytes, msg_id: str | None = None) -> object:
    """Write bytes to the server as a message; with an id, wait for the server's answer to it."""
    answer: asyncio.Future[object] = asyncio.get_running_loop().create_future()
    if msg_id is not None:
        # Where the client library waits for answers to its own requests.
        client.protocol._request_futures[msg_id] = answer  # type: ignore[assignment]
    stdin = client._server.stdin  # type: ignore[union-attr]
    stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
    await stdin.drain()
    if msg_id is None:
        return None
    return await asyncio.wait_for(answer, WAIT)


async def test_malformed_requests_leave_the_server_running(client: LanguageClient, workspace: Path) -> None:
    bad_params = b'{"jsonrpc": "2.0", "id": "bad-1", "method": "textDocument/hover", "params": {"textDocument": 42}}'
    with pytest.raises(JsonRpcException):
        await _raw(client, bad_params, "bad-1")
    unknown = b'{"jsonrpc": "2.0", "id": "bad-2", "method": "claimcheck/nonsense", "params": {}}'
    with pytest.raises(JsonRpcException):
        await _raw(client, unknown, "bad-2")
    await _raw(client, b"{not json!!}")
    text = "# Still here\n\nAcupuncture cures MS.\n"
    uri = _open(client, workspace / "still.md", text)
    found = await _settle(client, uri, lambda ds: any(d.code == "claims.cure" for d in ds))
    shown = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), found[0].range.start))
    assert shown is not None
