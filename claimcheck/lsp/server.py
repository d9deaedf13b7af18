"""The language server: pygls over stdio, checking drafts as they are opened, edited and saved."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import from_fs_path, to_fs_path

from claimcheck import __version__
from claimcheck.core.errors import ClaimcheckError
from claimcheck.core.findings import FileReport
from claimcheck.lsp.checker import Checked, Checker, is_config
from claimcheck.lsp.positions import UTF16, Lines
from claimcheck.lsp.protocol import (
    EXPLAIN_COMMAND,
    FIX_ALL,
    code_actions,
    config_diagnostic,
    diagnostics,
    hover,
    inlay_hints,
    reading_diagnostics,
)
from claimcheck.output.explain import explain

DEBOUNCE_SECONDS = 0.2
READING_LEVEL_MODES = ("hints", "diagnostics", "off")
CONFIG_GLOB = "**/.claimcheck.{yaml,yml}"


_UNREADABLE = object()


class _Protocol(LanguageServerProtocol):
    """pygls's protocol, answering a request it cannot read with an error instead of silence.

    A client waits for the answer to every request it sends; pygls logs a request whose
    parameters do not fit the protocol's types and never answers it.
    """

    def structure_message(self, data: Any) -> Any:
        """The message as lsprotocol types; a request that does not fit them is answered at once."""
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            return _UNREADABLE

    def handle_message(self, message: Any) -> None:
        """Handle a message, skipping one already answered as unreadable."""
        if message is not _UNREADABLE:
            super().handle_message(message)


class ClaimcheckServer(LanguageServer):
    """The server's state: what each open draft was last checked as, and the rules by config."""

    def __init__(self) -> None:
        super().__init__(
            "claimcheck", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full, protocol_cls=_Protocol
        )
        self.checker = Checker()
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.config_diagnostics: dict[str, list[types.Diagnostic]] = {}
        self.debounce = DEBOUNCE_SECONDS
        self.reading_level = "hints"
        self.warm = False

    # -- documents ----------------------------------------------------------------------

    def path_of(self, uri: str) -> Path:
        """The file a URI names; an unsaved buffer is taken to live in the working folder."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return Path(path) if path else Path.cwd() / (urlsplit(uri).path.rsplit("/", 1)[-1] or "untitled.md")

    def lines_of(self, uri: str, text: str) -> Lines:
        """A text with the position encoding agreed with the client."""
        encoding = self.workspace.position_encoding or UTF16
        return Lines(text, str(getattr(encoding, "value", encoding)))

    def text_of(self, uri: str) -> str | None:
        """The editor's text of an open document; None when it is not open."""
        document = self.workspace.text_documents.get(uri)
        return document.source if document is not None else None

    def check_now(self, uri: str) -> Checked | None:
        """Check an open draft at once and publish its diagnostics."""
        self.cancel(uri)
        text = self.text_of(uri)
        if text is None:
            return None
        path = self.path_of(uri)
        if is_config(path):
            return None  # a config file is checked on save, as a config
        checked = self._check(str(path), text)
        self.checked[uri] = checked
        self.publish(uri, checked)
        self.publish_config_errors()
        return checked

    def _check(self, path: str, text: str) -> Checked:
        try:
            checked = self.checker.check(path, text)
        except Exception as error:  # noqa: BLE001 - one odd draft must not take the server down
            reason = f"internal error ({type(error).__name__}: {' '.join(str(error).split())[:200]}); please report it"
            self.log(f"{path}: {reason}", types.MessageType.Error)
            return Checked(path, text, self.checker.rules_for(Path(path)), FileReport(path, error=f"{path}: {reason}"))
        if checked.report is not None:
            self.log(
                f"checked {path}: {len(checked.report.findings)} findings in {checked.seconds * 1000:.1f} ms "
                f"(CPU {checked.cpu_seconds * 1000:.1f} ms)"
            )
            if not self.warm:
                # spaCy's and the rules' objects live as long as the server: keep the
                # collector from walking them again after every check.
                gc.collect()
                gc.freeze()
                self.warm = True
        return checked

    def current(self, uri: str) -> Checked | None:
        """The draft's check for its text as the editor has it now (checked again if it changed)."""
        text = self.text_of(uri)
        checked = self.checked.get(uri)
        if text is None:
            return None
        if checked is None or checked.text != text:
            return self.check_now(uri)
        return checked

    def schedule(self, uri: str) -> None:
        """Check a draft once the writer pauses: a burst of keystrokes is checked once."""
        self.cancel(uri)
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(self.debounce, self.check_now, uri)

    def cancel(self, uri: str) -> None:
        """Drop a check scheduled for a draft."""
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def close(self, uri: str) -> None:
        """Forget a closed draft and clear its diagnostics."""
        self.cancel(uri)
        self.checked.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def publish(self, uri: str, checked: Checked) -> None:
        """Send a draft's diagnostics (and its reading levels, as the client takes them)."""
        lines = self.lines_of(uri, checked.text)
        found = diagnostics(checked, lines)
        if self.reading_level == "diagnostics":
            found += reading_diagnostics(checked, lines)
        version = self.workspace.text_documents[uri].version if uri in self.workspace.text_documents else None
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=version))
        if self.reading_level == "hints" and _refreshes_hints(self.client_capabilities):
            self.workspace_inlay_hint_refresh(None)

    # -- configs ------------------------------------------------------------------------

    def reload(self) -> None:
        """A config changed: load configs afresh and check every open draft again."""
        self.checker.forget()
        for uri in list(self.workspace.text_documents):
            if not is_config(self.path_of(uri)):
                self.check_now(uri)
        self.publish_config_errors()

    def publish_config_errors(self) -> None:
        """One diagnostic on each broken config (or rule) file; cleared once it loads again."""
        wanted: dict[str, list[types.Diagnostic]] = {}
        for rules in self.checker.loaded():
            error = rules.error
            where = error.path if error and error.path else (str(rules.config_path) if error and rules.config_path else None)
            if error is None or where is None:
                continue
            uri = from_fs_path(where) or where
            wanted[uri] = [config_diagnostic(error, self.lines_of(uri, self._file_text(uri, where)))]
        for uri in set(self.config_diagnostics) | set(wanted):
            if self.config_diagnostics.get(uri) != wanted.get(uri):
                self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=wanted.get(uri, [])))
        self.config_diagnostics = wanted

    def _file_text(self, uri: str, path: str) -> str:
        text = self.text_of(uri)
        if text is not None:
            return text
        try:
            return Path(path).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    # -- the client ---------------------------------------------------------------------

    def configure(self, options: Any) -> None:
        """Take the client's initializationOptions: readingLevel (hints, diagnostics, off), debounceMs."""
        if not isinstance(options, dict):
            return
        mode = options.get("readingLevel")
        if mode in READING_LEVEL_MODES:
            self.reading_level = mode
        delay = options.get("debounceMs")
        if isinstance(delay, (int, float)) and not isinstance(delay, bool) and 0 <= delay <= 10_000:
            self.debounce = delay / 1000

    def log(self, message: str, kind: types.MessageType = types.MessageType.Log) -> None:
        """A line in the client's log of this server."""
        self.window_log_message(types.LogMessageParams(kind, f"claimcheck: {message}"))


def _refreshes_hints(capabilities: types.ClientCapabilities) -> bool:
    workspace = capabilities.workspace
    return bool(workspace and workspace.inlay_hint and workspace.inlay_hint.refresh_support)


def _of_kinds(kind: types.CodeActionKind | str | None, only: Sequence[types.CodeActionKind | str]) -> bool:
    """Whether a code action's kind is one of those asked for (or a sub-kind: quickfix.x of quickfix)."""
    if kind is None:
        return False
    name = str(getattr(kind, "value", kind))
    return any(name == str(getattr(k, "value", k)) or name.startswith(f"{getattr(k, 'value', k)}.") for k in only)


def _watches_files(capabilities: types.ClientCapabilities) -> bool:
    workspace = capabilities.workspace
    return bool(workspace and workspace.did_change_watched_files and workspace.did_change_watched_files.dynamic_registration)


server = ClaimcheckServer()


@server.feature(types.INITIALIZE)
def initialize(ls: ClaimcheckServer, params: types.InitializeParams) -> None:
    """Read the client's options."""
    ls.configure(params.initialization_options)


@server.feature(types.INITIALIZED)
async def initialized(ls: ClaimcheckServer, params: types.InitializedParams) -> None:
    """Ask the client to tell us when a config file changes on disk."""
    if not _watches_files(ls.client_capabilities):
        return
    watcher = types.FileSystemWatcher(glob_pattern=CONFIG_GLOB)
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=[watcher])
    registration = types.Registration("claimcheck-configs", types.WORKSPACE_DID_CHANGE_WATCHED_FILES, options)
    try:
        await ls.client_register_capability_async(types.RegistrationParams([registration]))
    except Exception as error:  # noqa: BLE001 - configs are still reloaded when saved in the editor
        ls.log(f"cannot watch config files: {error}", types.MessageType.Warning)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: ClaimcheckServer, params: types.DidOpenTextDocumentParams) -> None:
    """Check a draft as soon as it is opened."""
    if is_config(ls.path_of(params.text_document.uri)):
        ls.publish_config_errors()
    else:
        ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: ClaimcheckServer, params: types.DidChangeTextDocumentParams) -> None:
    """Check a draft again once the writer pauses."""
    if not is_config(ls.path_of(params.text_document.uri)):
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: ClaimcheckServer, params: types.DidSaveTextDocumentParams) -> None:
    """A saved draft is checked at once; a saved config reloads every draft's rules."""
    if is_config(ls.path_of(params.text_document.uri)):
        ls.reload()
    else:
        ls.check_now(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: ClaimcheckServer, params: types.DidCloseTextDocumentParams) -> None:
    """Clear a closed draft's diagnostics."""
    ls.close(params.text_document.uri)


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: ClaimcheckServer, params: types.DidChangeWatchedFilesParams) -> None:
    """A config file was created, changed or deleted outside the editor."""
    if any(is_config(ls.path_of(change.uri)) for change in params.changes):
        ls.reload()


@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll, FIX_ALL]),
)
def code_action(ls: ClaimcheckServer, params: types.CodeActionParams) -> list[types.CodeAction | types.Command] | None:
    """Fix, disable the rule here, or explain it, for the findings in the range."""
    uri = params.text_document.uri
    checked = ls.current(uri)
    if checked is None:
        return None
    document = ls.workspace.text_documents.get(uri)
    version = document.version if document is not None else None
    actions = code_actions(checked, ls.lines_of(uri, checked.text), uri, version, params.range)
    only = params.context.only
    if only:
        actions = [a for a in actions if _of_kinds(getattr(a, "kind", None), only)]
    return actions


@server.feature(types.TEXT_DOCUMENT_HOVER)
def on_hover(ls: ClaimcheckServer, params: types.HoverParams) -> types.Hover | None:
    """What the finding under the cursor means."""
    checked = ls.current(params.text_document.uri)
    if checked is None:
        return None
    return hover(checked, ls.lines_of(params.text_document.uri, checked.text), params.position)


@server.feature(types.TEXT_DOCUMENT_INLAY_HINT, types.InlayHintOptions(resolve_provider=False))
def on_inlay_hint(ls: ClaimcheckServer, params: types.InlayHintParams) -> list[types.InlayHint] | None:
    """The reading grade of the draft and of each section, at the end of their heading lines."""
    if ls.reading_level != "hints":
        return None
    checked = ls.current(params.text_document.uri)
    if checked is None:
        return None
    return inlay_hints(checked, ls.lines_of(params.text_document.uri, checked.text), params.range)


@server.command(EXPLAIN_COMMAND)
def explain_rule(ls: ClaimcheckServer, rule_id: str, path: str = "") -> str:
    """Show a rule's explanation (what, why, examples) in a message; also returned to the client."""
    rules = ls.checker.rules_for(Path(path) if path else Path.cwd() / "draft.md")
    rule = rules.rule(str(rule_id))
    if rule is None:
        raise ClaimcheckError(f"no active rule '{rule_id}'")
    text = explain(rule)
    ls.window_show_message(types.ShowMessageParams(types.MessageType.Info, text))
    return text


def serve(stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """Serve over stdio until the client says exit; stray prints go to stderr, never into the protocol."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(stdin, stdout)
