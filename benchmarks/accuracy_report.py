"""The accuracy benchmark's Markdown: aggregates only (no per-document or per-field failure lists, so the
stranger set cannot become a tuning set by reading its report)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import msgspec

from benchmarks.accuracy_runs import Side
from samples.strict_score import Bin, Tally, calibration_gap, outcome_passes

TARGETS = {"clean": "≥ 99 %", "light": "≥ 99 %", "moderate": "≥ 97 %", "photo": "≥ 93 %"}
ORDER = ("clean", "light", "moderate", "hard", "photo", "degraded")


class SetScore(msgspec.Struct):
    """One set's aggregates: overall, per tier, the raw-Tesseract comparison, reliability, legacy rule."""

    name: str
    all: Tally
    tiers: dict[str, Tally]
    plain_all: Tally
    plain_tiers: dict[str, Tally]
    bins: list[Bin]
    legacy: tuple[int, int] = (0, 0)
    outcomes: dict[str, Counter[str]] = msgspec.field(default_factory=dict)
    expected: dict[str, str] = msgspec.field(default_factory=dict)


def pct(value: float) -> str:
    return f"{value:.2f} %"


def summary_table(sets: list[SetScore]) -> list[str]:
    lines = ["| set | clean | light | moderate | hard | phone photo | silent errors (all fields) | review on clean "
             "| flag recall | fields |", "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for s in sets:
        cells = [
            pct(s.tiers[t].accuracy) if t in s.tiers else "–"
            for t in ("clean", "light", "moderate", "hard", "photo")
        ]
        clean = s.tiers.get("clean", Tally())
        lines.append(f"| {s.name} | {' | '.join(cells)} | **{pct(s.all.silent_rate)}** | {pct(clean.review_rate)} "
                     f"| {pct(s.all.flag_recall)} | {s.all.units} |")  # fmt: skip
    lines.append("| target | ≥ 99 % | ≥ 99 % | ≥ 97 % | – | ≥ 93 % | ≤ 0.5 % | ≤ 15 % | | |")
    return lines


def tier_table(s: SetScore) -> list[str]:
    lines = [f"**{s.name}**", "", "| tier | docs | empty records | fields | exact | silent | flagged of wrong "
             "| invented | review | raw `tesseract -l vie` exact | target |", "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for tier in [t for t in ORDER if t in s.tiers] + ["all"]:
        t = s.all if tier == "all" else s.tiers[tier]
        p = s.plain_all if tier == "all" else s.plain_tiers.get(tier, Tally())
        target = TARGETS.get(tier, "silent ≤ 0.5 %" if tier == "all" else "")
        lines.append(f"| {tier} | {t.documents} | {t.empty} | {t.units} | {pct(t.accuracy)} | {pct(t.silent_rate)} "
                     f"| {pct(t.flag_recall)} | {t.invented} | {pct(t.review_rate)} | {pct(p.accuracy)} | {target} |")  # fmt: skip
    if s.legacy[1]:
        lines += ["", f"The old rule (`samples.bench_score`: all 26 fields, empty = empty counts as right, lists whole) "
                  f"gives {pct(100 * s.legacy[0] / s.legacy[1])} on this set."]  # fmt: skip
    return lines


def reliability_table(sets: list[SetScore]) -> list[str]:
    head = "| confidence | " + " | ".join(f"{s.name}: fields | {s.name}: observed error" for s in sets) + " |"
    lines = [head, "|---|" + "---|---|" * len(sets)]
    for i, b in enumerate(sets[0].bins):
        high = "1.00" if b.high > 1 else f"{b.high:.2f}"
        cells = []
        for s in sets:
            x = s.bins[i]
            cells += [str(x.units), pct(x.error_rate) if x.units else "–"]
        lines.append(f"| [{b.low:.2f}, {high}) | " + " | ".join(cells) + " |")
    gaps = ", ".join(f"{s.name} {calibration_gap(s.bins):.1f} points" for s in sets)
    return [
        *lines,
        "",
        f"Expected calibration error (|observed error − (1 − mean confidence)|, weighted): {gaps}.",
    ]


def outcome_table(s: SetScore) -> list[str]:
    lines = ["| document | expected | observed | as expected |", "|---|---|---|---|"]
    for kind, counts in s.outcomes.items():
        expected = s.expected.get(kind, "")
        seen = ", ".join(f"{name} × {n}" for name, n in sorted(counts.items()))
        good = sum(n for name, n in counts.items() if outcome_passes(expected, name))
        shown = (
            "a partial record with layout_uncertain (or a record)"
            if expected == "layout_uncertain"
            else expected
        )
        lines.append(f"| {kind} | {shown} | {seen} | {good} of {sum(counts.values())} |")
    return lines


def speed_table(rows: Sequence[tuple[Side, Side | None]]) -> list[str]:
    """(ours, plain on the same pages and cores) pairs."""
    lines = ["| measure | pages | processes | wall s | pages/min | CPU s/page | peak RSS | ratio to plain (wall / CPU) |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for ours, plain in rows:
        rss = (
            f"{ours.peak_rss_kb / 1024:.0f} MB (Tesseract child {ours.child_peak_rss_kb / 1024:.0f} MB)"
            if ours.peak_rss_kb
            else "–"
        )
        ratio = ""
        if plain is not None and plain.pages_per_minute and ours.cpu_per_page:
            ratio = f"**{ours.pages_per_minute / plain.pages_per_minute:.2f}×** / {plain.cpu_per_page / ours.cpu_per_page:.2f}×"
        lines.append(f"| {ours.name} | {ours.pages} | {ours.jobs} | {ours.wall:.1f} | {ours.pages_per_minute:.1f} "
                     f"| {ours.cpu_per_page:.2f} | {rss} | {ratio} |")  # fmt: skip
        if plain is not None:
            lines.append(f"| plain `tesseract -l vie`, same pages | {plain.pages} | {plain.jobs} | {plain.wall:.1f} "
                         f"| {plain.pages_per_minute:.1f} | {plain.cpu_per_page:.2f} | – | |")  # fmt: skip
    return lines
