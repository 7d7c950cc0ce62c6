"""Greedy CTC decoding with a probability for every character (the evidence a vote weighs).

The model emits, per time step, log-probabilities over the vocabulary (index 0 = blank). Greedy
decoding takes the best class per step, merges repeats and drops blanks; a character's probability is
the best of the steps that emitted it.
"""

from __future__ import annotations

import msgspec
import numpy as np

BLANK = 0


class LineReading(msgspec.Struct, frozen=True):
    text: str
    probs: tuple[float, ...]
    """One per character of `text` (spaces included), 0..1."""

    @property
    def weakest(self) -> float:
        return min(self.probs, default=0.0)


def decode_greedy(log_probs: np.ndarray, vocab: list[str], steps: int | None = None) -> LineReading:
    """One line's (time, classes) log-probabilities → text and per-character probabilities. `steps`
    limits decoding to the frames of the line itself (the rest is batch padding)."""
    frames = log_probs[:steps] if steps is not None else log_probs
    best = frames.argmax(axis=-1)
    best_p = np.exp(frames.max(axis=-1))
    chars: list[str] = []
    probs: list[float] = []
    previous = BLANK
    for index, p in zip(best.tolist(), best_p.tolist(), strict=True):
        if index != BLANK and index == previous:
            probs[-1] = max(probs[-1], p)
        elif index != BLANK:
            chars.append(vocab[index] if index < len(vocab) else "")
            probs.append(p)
        previous = index
    return _squeeze_spaces(chars, probs)


def _squeeze_spaces(chars: list[str], probs: list[float]) -> LineReading:
    """Runs of spaces become one, none at either end (as `" ".join(text.split())` would do)."""
    out_c: list[str] = []
    out_p: list[float] = []
    for ch, p in zip(chars, probs, strict=True):
        if ch.isspace():
            if not out_c or out_c[-1] == " ":
                continue
            ch = " "
        out_c.append(ch)
        out_p.append(p)
    while out_c and out_c[-1] == " ":
        out_c.pop()
        out_p.pop()
    return LineReading(text="".join(out_c), probs=tuple(out_p))
