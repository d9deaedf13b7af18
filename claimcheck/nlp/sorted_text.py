"""A sorted word list looked up in its own text: no table of Python objects is built.

CMUdict and spaCy's lemma lookups are long files with one entry a line, in order of the word.
Turning either into a dict cost more than the rest of a one-draft run (the pre-commit case).
The text itself, with the words of a few thousand lines spread through it to bisect, is the
table: a word's line is one search in a short stretch of text.
"""

from __future__ import annotations

from bisect import bisect_left


class SortedText:
    """Lines `<prefix><word><separator><rest>`, in order of the word, found by word.

    Only a plain word (no white space or `(`) is a key: CMUdict spells a word's other
    pronunciations `word(2)`, and the texts read this way have no word with white space.
    """

    # Bytes between two indexed lines: a longer stretch to search, or a longer index to build.
    STEP = 1024

    def __init__(self, text: bytes, prefix: bytes = b"", separator: bytes = b" ") -> None:
        # A leading newline makes every line, the first too, start after one.
        self._text = b"\n" + text
        self._prefix = prefix
        self._separator = separator
        self._newlines: list[int] = []  # before each indexed line
        self._words: list[bytes] = []  # each indexed line's word, without a variant's `(2)`
        last = len(self._text) - 1  # the newline that closes the text opens no line
        skip = 1 + len(prefix)
        for offset in range(0, last, self.STEP):
            newline = self._text.find(b"\n", offset, last)
            if newline >= 0 and (not self._newlines or newline > self._newlines[-1]):
                self._newlines.append(newline)
                word_end = self._text.find(separator, newline + skip)
                self._words.append(self._text[newline + skip : word_end].partition(b"(")[0])

    def line(self, word: str) -> bytes | None:
        """The rest of the line (after the separator) of `word`'s entry (its first, if several); None if it has none."""
        if "(" in word or word.split() != [word]:
            return None
        key = word.encode("utf-8", "surrogatepass")
        # The word's place is between two indexed lines; a text can have a few lines out of
        # place (CMUdict has `sepulveda` before `sepultura`), and an indexed line can be one
        # of them, so the stretch searched reaches one indexed line further each way.
        place = bisect_left(self._words, key)
        start = self._newlines[place - 2] if place > 1 else 0
        end = self._newlines[place + 1] if place + 1 < len(self._newlines) else len(self._text)
        entry = b"\n" + self._prefix + key + self._separator
        found = self._text.find(entry, start, end)
        if found < 0:
            return None
        stop = self._text.find(b"\n", found + 1)
        return self._text[found + len(entry) : stop if stop >= 0 else len(self._text)]
