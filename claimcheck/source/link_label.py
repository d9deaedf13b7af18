"""markdown-it's link label search, made linear.

markdown-it looks for the `]` that closes a label by walking the inline tokens from the
`[` on, and does so afresh for every `[`: a paragraph of 20,000 unclosed `[` (or `![`)
costs 20,000 walks to its end, over a minute. The walk from a position always takes the
same steps (markdown-it caches where each token ends), so where a label opened at each
position closes is worked out once per paragraph and remembered.
"""

from __future__ import annotations

from markdown_it.rules_inline import StateInline

# Kept on the inline state, which lives for one paragraph (and its nested link texts).
_MEMO = "_claimcheck_label_ends"


def parse_link_label(state: StateInline, start: int, disable_nested: bool = False) -> int:
    """The offset of the `]` closing the label whose `[` is at `start`, or -1: what
    markdown-it's `parseLinkLabel` returns, each position's answer worked out only once.

    From a `]`, a label open at depth one closes there; from a `[` that is plain text, a
    nested label opens, and the walk goes on after the `]` closing it; any other token is
    stepped over. Every position whose answer is the one being looked for waits in
    `pending`; each nested label waiting for its `]` keeps its outer positions on `outer`.
    (One function, no helpers: markdown-it recurses through here for each nested `[`, up
    to its nesting limit, and every extra frame brings Python's recursion limit nearer.)
    """
    memos = state.__dict__.setdefault(_MEMO, {})
    memo: dict[int, int] = memos.setdefault((state.posMax, disable_nested), {})
    old_pos = state.pos
    src, end, skip = state.src, state.posMax, state.md.inline.skipToken
    position = start + 1
    pending: list[int] = []
    outer: list[list[int]] = []
    while True:
        if position in memo:
            result = memo[position]
        elif position >= end:
            result = -1
        elif src[position] == "]":
            result = position
        else:
            state.pos = position
            skip(state)
            following = state.pos
            if src[position] != "[" or following == position + 1 or not disable_nested:
                if src[position] == "[" and following == position + 1:
                    outer.append([*pending, position])
                    pending = []
                else:
                    pending.append(position)
                position = following
                continue
            result = -1  # a link inside a link's label: no link
        for waiting in pending:
            memo[waiting] = result
        pending = []
        while outer:
            pending = outer.pop()
            if result >= 0:
                # The nested label closed at `result`: the outer one goes on past it.
                state.pos = result
                skip(state)
                position = state.pos
                break
            for waiting in pending:
                memo[waiting] = -1
            pending = []
        else:
            state.pos = old_pos
            return result
