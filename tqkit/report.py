"""`tqkit report`: what an editor needs from an article's versions, as data, Markdown and JSON.

The versions are the machine translation (MT), its autofix and any number of revisions. Every
finding of the MT is followed into the later versions (fixed by the autofix? still in the
revision?) and findings a later version brought in are listed apart. The HTML page
(`tqkit.report_html`) renders the same data. Nothing depends on the clock, the working
directory's absolute path or dictionary order, so the same inputs give the same bytes.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tqkit import __version__
from tqkit.model import Finding, Severity, line_starts
from tqkit.scoring.postedit import PostEditReport
from tqkit.scoring.run import ScoreReport, SystemResult
from tqkit.scoring.significance import Comparison

METRICS = ("bleu", "chrf", "chrf++", "ter")  # the order of every score list in a report
PRIMARY = METRICS.index("chrf")  # the metric the headline and the chart use
LOWER_IS_BETTER = frozenset({METRICS.index("ter")})
SIGNIFICANT = 0.05
CONTEXT = 240  # characters of a sentence kept on either side of a flagged span


@dataclass(frozen=True)
class Version:
    label: str  # "MT", "autofix", "revision", "revision 2": short, for tables and legends
    path: str


@dataclass(frozen=True)
class LintSettings:
    """What the findings depend on besides the text: the same article gives different findings
    under another configuration, so the report names it."""

    config: str | None  # the configuration file, or None for defaults
    pair: str
    glossaries: tuple[str, ...]
    rules: int
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Excerpt:
    """The sentence around a finding, split at the flagged span."""

    before: str
    flagged: str
    after: str


@dataclass(frozen=True)
class Tracked:
    """A finding in the version it was found in, and whether each later version still has it
    (for the MT's findings; a finding a later version brought in has no `still_in`)."""

    finding: Finding
    version: int
    excerpt: Excerpt
    still_in: tuple[bool, ...] = ()


@dataclass(frozen=True)
class Edited:
    """The post-edit view of one revision: HTER and edits, with the segments they compare."""

    report: PostEditReport
    before: tuple[str, ...]  # the MT's segments, in the revision's order
    after: tuple[str, ...]  # the revision's segments
    lines: tuple[int, ...]  # the revision's line of each segment


@dataclass(frozen=True)
class ReportData:
    name: str
    versions: tuple[Version, ...]  # MT, autofix, then the revisions
    references: tuple[str, ...]
    settings: LintSettings
    scores: ScoreReport  # systems in the order of `versions`, the MT as baseline
    findings: tuple[tuple[Finding, ...], ...]  # per version
    tracked: tuple[Tracked, ...]  # the MT's findings, then those new in later versions
    post_edits: tuple[Edited, ...]  # MT -> each revision

    @property
    def judged(self) -> range:
        """The versions the headline compares with the MT: the revisions, else the autofix."""
        return range(2, len(self.versions)) if len(self.versions) > 2 else range(1, 2)

    @property
    def final(self) -> int:
        """The version that is left once the work is done: the last revision, else the autofix."""
        return len(self.versions) - 1

    def system(self, version: int) -> SystemResult:
        return self.scores.systems[version]


# -- following findings from version to version ----------------------------------------------

SegmentOf = Callable[[Finding], object]


def still_there(earlier: Sequence[Finding], later: Sequence[Finding], segment_of: SegmentOf,
                later_segment_of: SegmentOf) -> tuple[list[bool], list[bool]]:
    """Which earlier findings the later version still has, and which of its findings are new.
    A finding is the same when its segment, code and flagged text are; then, for what is left,
    when its segment and code are (an edit nearby may change the flagged words)."""
    found, taken = [False] * len(earlier), [False] * len(later)
    keys: tuple[Callable[[Finding, SegmentOf], tuple], ...] = (
        lambda f, seg: (seg(f), f.code, f.text), lambda f, seg: (seg(f), f.code))
    for key in keys:
        free: dict[tuple, deque[int]] = defaultdict(deque)
        for j, g in enumerate(later):
            if not taken[j]:
                free[key(g, later_segment_of)].append(j)
        for i, f in enumerate(earlier):
            queue = free.get(key(f, segment_of))
            if not found[i] and queue:
                taken[queue.popleft()] = found[i] = True
    return found, [not t for t in taken]


def segment_finder(lines: Sequence[int], keys: Sequence[str] | None = None) -> SegmentOf:
    """The segment a finding is in, from the first line of each segment (as the scorer reads
    the file): its index, or its PO key, which stays the same when entries move."""
    order = sorted(range(len(lines)), key=lambda i: lines[i])
    starts = [lines[i] for i in order]

    def segment_of(finding: Finding) -> object:
        k = bisect_right(starts, finding.line) - 1
        index = order[k] if k >= 0 else -1
        return keys[index] if keys and index >= 0 else index

    return segment_of


def track(findings: Sequence[Sequence[Finding]], texts: Sequence[str],
          segment_of: Sequence[SegmentOf]) -> tuple[Tracked, ...]:
    """The MT's findings (errors first) with where each went, then the findings each later
    version brought in (errors first within each version)."""
    first = sorted(findings[0], key=_order)
    fates, new = [], []
    for v in range(1, len(findings)):
        kept, added = still_there(first, findings[v], segment_of[0], segment_of[v])
        fates.append(kept)
        new.append([f for f, is_new in zip(findings[v], added) if is_new])
    starts = [line_starts(t) for t in texts]
    out = [Tracked(f, 0, excerpt(texts[0], f, starts[0]), tuple(fate[i] for fate in fates)) for i, f in enumerate(first)]
    for v, added in enumerate(new, start=1):
        out += [Tracked(f, v, excerpt(texts[v], f, starts[v])) for f in sorted(added, key=_order)]
    return tuple(out)


def _order(f: Finding) -> tuple:
    return (-f.severity, f.line, f.column, f.code, f.end_line, f.end_column)


# -- excerpts --------------------------------------------------------------------------------

# The end of a sentence: a full stop, question or exclamation mark (and closing quotes or
# brackets) before a space; not the full stop of a title or an initial ("Mr. Putin", "J. Doe").
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMessrs)(?<!\b[A-Z])"
                           r"[.!?…][\"”’»)\]]*(?=\s)")


def excerpt(text: str, f: Finding, starts: Sequence[int] | None = None) -> Excerpt:
    """The sentence (within its line) that holds the finding's span; the span may run over
    several lines, and a long sentence is cut at a word around it. `starts`: the text's line
    starts, when the caller has them."""
    starts = starts if starts is not None else line_starts(text)
    if f.line > len(starts):
        return Excerpt("", "", "")
    start = starts[f.line - 1] + f.column - 1
    end = max(start, starts[min(f.end_line, len(starts)) - 1] + f.end_column - 1)
    line_start = starts[f.line - 1]
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    lo = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        lo = m.end()
    hi = line_end
    m = _SENTENCE_END.search(text, end, line_end)
    if m and m.end() > end:
        hi = m.end()
    before, after = text[lo:start].lstrip(), text[end:hi].rstrip()
    if len(before) > CONTEXT:
        before = "…" + before[-CONTEXT:].split(" ", 1)[-1]
    if len(after) > CONTEXT:
        after = after[:CONTEXT].rsplit(" ", 1)[0] + "…"
    return Excerpt(before, text[start:end], after)


# -- what the headline says -------------------------------------------------------------------


def counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    return {s: sum(1 for f in findings if f.severity == s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 or word == "info" else "s")


def count_text(findings: Sequence[Finding]) -> str:
    c = counts(findings)
    return ", ".join(plural(n, str(s)) for s, n in c.items())


def left_to_fix(data: ReportData) -> str:
    """What the final version still has to fix, and what became of the MT's findings."""
    final, left = data.versions[data.final].label, data.findings[data.final]
    mt = [t for t in data.tracked if t.version == 0]
    history = f" The MT had {plural(len(mt), 'finding')}; the autofix fixed {sum(not t.still_in[0] for t in mt):,}"
    if data.final > 1:
        history += f", the {final} resolved {sum(not t.still_in[-1] for t in mt):,}"
    if not left:
        return f"Nothing left to fix: the {final} has no findings.{history}."
    return f"Left to fix in the {final}: {count_text(left)}.{history}."


def verdict(data: ReportData, version: int) -> str:
    """Whether `version` is better than the MT, by the primary metric's paired tests."""
    label = data.versions[version].label
    comparisons = data.system(version).comparisons
    if not comparisons:
        return ""
    c = comparisons[PRIMARY]
    better = _better(c, PRIMARY)
    if not _significant(c):
        judgement = f"The {label} is not significantly different from the MT"
    else:
        judgement = f"The {label} is {'better' if better else 'worse'} than the MT"
    test = (f"{c.metric} {c.system:.2f} vs {c.baseline:.2f}, {c.difference:+.2f} "
            f"(95% interval {c.ci_low:+.2f} to {c.ci_high:+.2f}; paired bootstrap p {p_text(c.p_bootstrap)}, "
            f"approximate randomization p {p_text(c.p_randomization)})")
    agree = [o.metric for k, o in enumerate(comparisons) if k != PRIMARY and _significant(o) and _better(o, k) == better]
    if _significant(c) and agree:
        return f"{judgement}: {test}; {_and(agree)} agree{'s' if len(agree) == 1 else ''}."
    return f"{judgement}: {test}."


def _significant(c: Comparison) -> bool:
    """Both paired tests say so: with few segments or resamples they can disagree."""
    return c.p_bootstrap < SIGNIFICANT and c.p_randomization < SIGNIFICANT


def p_text(p: float) -> str:
    """Four decimals, as in the tables: 1,000 resamples cannot show a p below 1/1001 = 0.0010."""
    return f"= {p:.4f}"


def _better(c: Comparison, metric: int) -> bool:
    return c.difference < 0 if metric in LOWER_IS_BETTER else c.difference > 0


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def settings_text(s: LintSettings) -> str:
    where = f"configuration `{s.config}`" if s.config else "no configuration file (defaults)"
    glossaries = ", ".join(f"`{g}`" for g in s.glossaries) if s.glossaries else "none"
    chosen = "".join(f"; {word} {', '.join(codes)}" for word, codes in (("select", s.select), ("ignore", s.ignore)) if codes)
    return f"Linted with {where}: pair {s.pair}, {s.rules} rules{chosen}; glossaries: {glossaries}."


# -- Markdown and JSON ------------------------------------------------------------------------


def render_markdown(data: ReportData, json_name: str) -> str:
    """A summary for a pull request or a CI job: the headline, scores with both paired tests,
    findings per version. The HTML page has the details, the JSON everything."""
    lines = [f"# tqkit report: {data.name}", "", left_to_fix(data)]
    lines += ["\n" + v for v in (verdict(data, k) for k in data.judged) if v]
    lines += ["", settings_text(data.settings), ""]
    names = [s.metric + (" (lower is better)" if k in LOWER_IS_BETTER else "")
             for k, s in enumerate(data.system(0).scores)]
    lines += ["| version | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for k, version in enumerate(data.versions):
        system = data.system(k)
        cells = [f"{s.score:.2f}" for s in system.scores]
        for m, c in enumerate(system.comparisons):
            cells[m] += f" ({c.difference:+.2f}; p {c.p_bootstrap:.4f}, {c.p_randomization:.4f})"
        lines.append(f"| {version.label} | " + " | ".join(cells) + " |")
    lines += ["", "In brackets: the difference from the MT; the p-values of the paired bootstrap and of "
              "approximate randomization.", "", "| version | file | errors | warnings | info |",
              "|---|---|---:|---:|---:|"]
    for version, found in zip(data.versions, data.findings):
        c = counts(found)
        lines.append(f"| {version.label} | `{version.path}` | " + " | ".join(str(n) for n in c.values()) + " |")
    lines += ["", f"References: {', '.join(f'`{r}`' for r in data.references)}. Signatures:"]
    lines += [f"- {s.metric}: `{s.signature}`" for s in data.system(0).scores]
    lines += ["", f"Every finding, the per-segment diffs and all scores: `{json_name}` and the HTML report "
              f"(tqkit {__version__})."]
    return "\n".join(lines) + "\n"


def render_json(data: ReportData) -> str:
    from tqkit.scoring.render import post_edit_json, to_json

    labels = {v.path: v.label for v in data.versions}
    document = {
        "tool": {"name": "tqkit", "version": __version__},
        "name": data.name,
        "versions": [{"label": v.label, "path": v.path, "summary": {str(s): n for s, n in counts(found).items()}}
                     for v, found in zip(data.versions, data.findings)],
        "settings": {"config": data.settings.config, "pair": data.settings.pair,
                     "glossaries": list(data.settings.glossaries), "rules": data.settings.rules,
                     "select": list(data.settings.select), "ignore": list(data.settings.ignore)},
        "scores": _without_texts(json.loads(to_json(data.scores))),
        "findings": [{**t.finding.to_dict(), "version": data.versions[t.version].label, "text": t.excerpt.flagged,
                      **({"still_in": {data.versions[t.version + 1 + k].label: kept for k, kept in enumerate(t.still_in)}}
                         if t.still_in else {})}
                     for t in data.tracked],
        "post_edits": [{**e, "label": labels.get(e["post_edit"], e["post_edit"])}
                       for e in json.loads(post_edit_json([e.report for e in data.post_edits]))["post_edits"]],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _without_texts(scores: dict) -> dict:
    """Segment scores without the segments' texts: the files have them (with them a 2,000-line
    article's JSON was ten times larger)."""
    for system in scores["systems"]:
        for segment in system.get("segments", ()):
            segment.pop("hypothesis", None)
            segment.pop("references", None)
    return scores
