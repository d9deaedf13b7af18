"""Language server latency: run by hand, not a test.

    .venv/bin/pip install -e '.[lsp]' && .venv/bin/python tests/benchmarks/lsp_latency.py

Starts `claimcheck lsp` and drives it over stdio as an editor would (pygls's own client): opens a
draft of about 1,500 words built from corpus/ paragraphs (seeded), then sends 50 edits one at a
time, each a word typed into a different paragraph, and waits for each edit's diagnostics. The
server logs the time each check takes ("checked PATH: N findings in X ms (CPU Y ms)"); those
are the figures that count: the server's own time per re-check, wall and CPU, median and p90.
The round trip the client sees (edit sent to diagnostics received, debounce set to 0) is
printed too. The target: a median of at most 50 ms of server time once warm.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CHECKED = re.compile(r"checked .*: \d+ findings in ([\d.]+) ms \(CPU ([\d.]+) ms\)")
WORDS = ("really", "often", "usually", "also", "sometimes", "clearly")


def draft(words: int, seed: int) -> str:
    """A Markdown draft of about `words` words: corpus paragraphs under a few headings, shuffled."""
    paragraphs = []
    for path in sorted(CORPUS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith(("#", "---", "<!--"))]
    random.Random(seed).shuffle(paragraphs)
    out, count = ["# Living with MS: what helps"], 0
    for number, paragraph in enumerate(paragraphs):
        if count >= words:
            break
        if number % 6 == 5:
            out.append(f"## Part {number // 6 + 1}")
        out.append(paragraph.strip())
        count += len(paragraph.split())
    return "\n\n".join(out) + "\n"


def edited(text: str, rng: random.Random) -> str:
    """The draft with one word typed after a word of one of its prose lines."""
    lines = text.split("\n")
    prose = [n for n, line in enumerate(lines) if len(line.split()) > 4 and not line.startswith("#")]
    number = rng.choice(prose)
    words = lines[number].split(" ")
    at = rng.randrange(1, len(words))
    lines[number] = " ".join([*words[:at], rng.choice(WORDS), *words[at:]])
    return "\n".join(lines)


async def run(edits: int, words: int, seed: int) -> None:
    """Open the draft, send the edits, print the figures."""
    client = LanguageClient("lsp-latency", "1")
    published: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    server_ms: list[tuple[float, float]] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.put_nowait(params)

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def on_log(params: types.LogMessageParams) -> None:
        match = CHECKED.search(params.message)
        if match:
            server_ms.append((float(match.group(1)), float(match.group(2))))

    await client.start_io(sys.executable, "-m", "claimcheck", "lsp")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "draft.md"
        text = draft(words, seed)
        path.write_text(text, encoding="utf-8")
        await client.initialize_async(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(), root_uri=Path(folder).as_uri(), initialization_options={"debounceMs": 0}
            )
        )
        client.initialized(types.InitializedParams())
        uri = path.as_uri()
        start = time.perf_counter()
        client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
        first = await _wait(published, 1)
        print(f"draft: {len(text.split())} words; first check (loads spaCy and the rules): "
              f"{(time.perf_counter() - start) * 1000:.0f} ms, {len(first.diagnostics)} diagnostics")
        server_ms.clear()
        rng = random.Random(seed)
        trips = []
        for version in range(2, edits + 2):
            text = edited(text, rng)
            start = time.perf_counter()
            change = types.TextDocumentContentChangeWholeDocument(text=text)
            client.text_document_did_change(
                types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version=version, uri=uri), [change])
            )
            await _wait(published, version)
            trips.append((time.perf_counter() - start) * 1000)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()
    _report("server time per re-check (wall)", [wall for wall, _ in server_ms])
    _report("server time per re-check (CPU) ", [cpu for _, cpu in server_ms])
    _report("round trip seen by the client  ", trips)


async def _wait(published: asyncio.Queue[types.PublishDiagnosticsParams], version: int) -> types.PublishDiagnosticsParams:
    while True:
        params = await asyncio.wait_for(published.get(), 120)
        if params.version == version:
            return params


def _report(what: str, values: list[float]) -> None:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    print(f"{what}: median {statistics.median(ordered):.1f} ms, p90 {p90:.1f} ms, max {ordered[-1]:.1f} ms ({len(ordered)} edits)")


def main() -> None:
    """Parse the options and run the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(run(args.edits, args.words, args.seed))


if __name__ == "__main__":
    main()
