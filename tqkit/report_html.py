"""The HTML page of `tqkit report`: one self-contained file (no script, no external asset) that an
editor reads on a desktop, a phone or on paper.

First what is left to fix and whether the revision is better, then every finding in its
sentence, the MT -> revision edits, the scores, the charts and the diffs against the reference.
Insertions are underlined and deletions struck as well as coloured, flagged spans are
underlined as well as highlighted, so nothing depends on colour or on printed backgrounds.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Sequence

import sacrebleu

from tqkit import __version__
from tqkit.report import (LOWER_IS_BETTER, METRICS, PRIMARY, ReportData, Tracked, count_text, counts, left_to_fix,
                          settings_text, verdict)
from tqkit.report_chart import Series, chart, legend_sample

LONG = 60  # segments: above this a sorted view joins the chart, where lines stop being readable
WORST = 5  # worst segments listed per version
METRIC_KEY = METRICS[PRIMARY]  # the segment scores' key of the primary metric

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;
max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;overflow-wrap:anywhere}h2{font-size:1.3rem;margin-top:2rem}
h3{font-size:1.1rem}code{font-size:.85em;overflow-wrap:anywhere}p,li{overflow-wrap:break-word}
.headline{font-size:1.05rem;border:2px solid #1a1a1a;padding:.5rem .8rem}
nav ul{padding:0;margin:0}nav li{display:inline-block;margin-right:1em}a{color:#0b5394}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.25rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f0f0f0}.n{text-align:right;font-variant-numeric:tabular-nums}
td.n{white-space:nowrap}td.ci{white-space:normal}
del{background:#fde2e1;color:#6e0f0f;text-decoration:line-through}
ins{background:#d9f2dc;color:#0b4418;text-decoration:underline;text-decoration-thickness:2px}
mark{background:#ffe27a;color:inherit;border-bottom:3px solid #8a4b00;padding:0 .1em}
mark.gap{padding:0 .15em;font-weight:bold}
ol.findings{padding:0;margin:0}
.finding{list-style:none;border-left:5px solid #767676;padding:.2rem .7rem;margin:.8rem 0}
.finding.error{border-color:#b1361e}.finding.warning{border-color:#8a5a00}.finding.info{border-color:#0b5394}
.finding p{margin:.2rem 0}.where{font-size:.9rem}.sev{font-weight:bold;text-transform:uppercase}
.error .sev{color:#b1361e}.warning .sev{color:#8a5a00}.info .sev{color:#0b5394}
.context{font-family:Georgia,"Times New Roman",serif;background:#f7f7f7;padding:.2rem .5rem}
.chip{display:inline-block;border:1px solid #767676;border-radius:.7em;padding:0 .45em;margin:.1rem .2rem 0 0;
font-size:.8rem}.chip.gone{border-color:#1a7340;color:#1a7340}.chip.left{border-color:#b1361e;color:#b1361e}
.segment{margin:.7rem 0}.segment p{margin:.1rem 0}.segment .where{font-size:.85rem;color:#444}
svg.chart{display:block;width:100%;max-width:560px;height:auto}svg.key{vertical-align:middle;margin-right:.3em}
.legend{list-style:none;padding:0}.legend li{display:inline-block;margin-right:1.2em}
.note{font-size:.9rem;color:#444}
@media (max-width:30rem){body{padding:.6rem}table{font-size:.8rem}th,td{padding:.2rem .3rem}}
@media print{
@page{margin:1.5cm}
body{max-width:none;padding:0;font-size:10pt}nav{display:none}
thead{display:table-header-group}tr,.finding,.segment{break-inside:avoid}h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}.headline{border-width:1px}
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def word_diff_html(before: str, after: str) -> str:
    """Word diff: words only in `before` struck, words only in `after` underlined."""
    a, b = before.split(), after.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_e(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append(f"<del>{_e(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{_e(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)


def render_html(data: ReportData, json_name: str) -> str:
    sections = [_header(data), _versions(data), _findings(data), _edits(data), _scores(data), _charts(data),
                _worst(data), _footer(data, json_name)]
    return "\n".join(s for s in sections if s) + "\n</body></html>\n"


def _header(data: ReportData) -> str:
    title = f"tqkit report: {data.name}"
    headline = [left_to_fix(data)] + [v for v in (verdict(data, k) for k in data.judged) if v]
    links = [("findings", "Findings"), ("edits", "Edits MT → revision") if data.post_edits else None,
             ("scores", "Scores"), ("chart", "Chart"), ("reference", "Against the reference")]
    return "\n".join([
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>", f"<style>{STYLE.strip()}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        '<div class="headline">' + "".join(f"<p>{_code(s)}</p>" for s in headline) + "</div>",
        "<nav><ul>" + "".join(f'<li><a href="#{a}">{_e(t)}</a></li>' for a, t in filter(None, links)) + "</ul></nav>",
    ])


def _code(text: str) -> str:
    """Escaped text with `backquoted` parts as code."""
    parts = _e(text).split("`")
    return "".join(f"<code>{p}</code>" if k % 2 else p for k, p in enumerate(parts))


def _versions(data: ReportData) -> str:
    rows = []
    for v, found in zip(data.versions, data.findings):
        cells = "".join(f'<td class="n">{n}</td>' for n in counts(found).values())
        rows.append(f"<tr><th>{_e(v.label)}</th>{cells}</tr>")
    files = [(v.label, v.path) for v in data.versions] + [("reference", r) for r in data.references]
    return ('<h2 id="versions">Versions</h2>'
            '<table><thead><tr><th>version</th><th class="n">errors</th><th class="n">warnings</th>'
            '<th class="n">info</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
            '<ul class="files">' + "".join(f"<li>{_e(label)}: <code>{_e(path)}</code></li>" for label, path in files)
            + f'</ul><p class="note">{_code(settings_text(data.settings))}</p>')


def _findings(data: ReportData) -> str:
    out = [f'<h2 id="findings">Findings ({len(data.tracked):,})</h2>']
    mt = [t for t in data.tracked if t.version == 0]
    later = [v.label for v in data.versions[1:]]
    out.append(f'<p class="note">Errors first, then warnings and info, in line order. Each finding of the MT says '
               f'whether {_e(" and ".join(f"the {x}" for x in later))} still '
               f'{"has" if len(later) == 1 else "have"} it; lines are those of the version’s file.</p>')
    out.append(f"<h3>In the MT ({count_text([t.finding for t in mt])})</h3>")
    out.append(_finding_list(data, mt) if mt else "<p>No findings.</p>")
    for k in range(1, len(data.versions)):
        new = [t for t in data.tracked if t.version == k]
        if new:
            out.append(f"<h3>New in the {_e(data.versions[k].label)} ({count_text([t.finding for t in new])})</h3>")
            out.append(_finding_list(data, new))
    return "\n".join(out)


def _finding_list(data: ReportData, tracked: Sequence[Tracked]) -> str:
    return '<ol class="findings">\n' + "\n".join(_finding(data, t) for t in tracked) + "\n</ol>"


def _finding(data: ReportData, t: Tracked) -> str:
    f, x = t.finding, t.excerpt
    chips = []
    for k, kept in enumerate(t.still_in):
        label = data.versions[t.version + 1 + k].label
        if k == 0 and t.version == 0 and label == "autofix":
            text = "autofix left it" if kept else "fixed by the autofix"
        else:
            text = f"remains in the {label}" if kept else f"gone from the {label}"
        chips.append(f'<span class="chip {"left" if kept else "gone"}">{_e(text)}</span>')
    span = f"<mark>{_e(x.flagged)}</mark>" if x.flagged else '<mark class="gap" aria-label="here">‸</mark>'
    suggestion = ""
    if f.suggestion is not None:
        suggestion = (f" Suggestion: <ins>{_e(f.suggestion)}</ins>" if f.suggestion else " Suggestion: delete it.")
    where = f"line {f.line}" + (f"–{f.end_line}" if f.end_line != f.line else "")
    return (f'<li class="finding {f.severity}" data-version="{t.version}" data-line="{f.line}" '
            f'data-column="{f.column}" data-code="{_e(f.code)}">'
            f'<p class="where"><span class="sev">{f.severity}</span> <b>{_e(f.code)}</b> {_e(f.name)} · {where}'
            f'{" " + "".join(chips) if chips else ""}</p>'
            f'<p class="context">{_e(x.before)}{span}{_e(x.after)}</p>'
            f'<p class="message">{_e(_sentence(f.message))}{suggestion}</p></li>')


def _sentence(message: str) -> str:
    return message if message.endswith((".", "?", "!", "…")) else message + "."


def _edits(data: ReportData) -> str:
    out = []
    for k, edited in enumerate(data.post_edits, start=2):
        label, pe = data.versions[k].label, edited.report
        e = pe.edits
        changed = [s for s in pe.segments if s.edits.total]
        out += [f'<h2 id="{"edits" if k == 2 else f"edits-{k}"}">Edits MT → {_e(label)}</h2>',
                f'<p class="note">The word diff of each segment the {_e(label)} changed: struck words are the MT’s, '
                f'underlined words the {_e(label)}’s. HTER is case-sensitive TER of the MT against the {_e(label)}: '
                f'the share of its words an editor had to change (lower is less work).</p>',
                "<table><tbody>" + "".join(f'<tr><th>{k}</th><td class="n">{v}</td></tr>' for k, v in (
                    ("HTER", f"{pe.hter:.2f}"), ("insertions", f"{e.insertions:,}"), ("deletions", f"{e.deletions:,}"),
                    ("substitutions", f"{e.substitutions:,}"), ("shifts", f"{e.shifts:,}"),
                    ("segments changed", f"{len(changed):,} of {len(pe.segments):,}"))) + "</tbody></table>",
                f'<p class="note"><code>{_e(pe.signature)}</code></p>']
        for s in changed:
            out.append(f'<div class="segment"><p class="where">line {edited.lines[s.index]} · HTER {s.hter:.1f}</p>'
                       f"<p>{word_diff_html(edited.before[s.index], edited.after[s.index])}</p></div>")
    return "\n".join(out)


def _scores(data: ReportData) -> str:
    first = data.system(0).scores
    head = "".join(f'<th class="n">{_e(s.metric)}{" ↓" if k in LOWER_IS_BETTER else " ↑"}</th>'
                   for k, s in enumerate(first))
    rows = []
    for v, system in zip(data.versions, data.scores.systems):
        rows.append(f"<tr><th>{_e(v.label)}</th>" + "".join(f'<td class="n">{s.score:.2f}</td>' for s in system.scores)
                    + "</tr>")
    out = ['<h2 id="scores">Scores against the reference</h2>',
           '<p class="note">↑ higher is better (BLEU, chrF); ↓ lower is better (TER, the share of words to edit).</p>',
           f"<table><thead><tr><th>version</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"]
    compared = [(v, s) for v, s in zip(data.versions, data.scores.systems) if s.comparisons]
    if compared:
        out.append("<h3>Differences from the MT</h3>"
                   '<p class="note">Paired tests on the same segments: a p-value under 0.05 means a difference this '
                   "large rarely arises by chance. A better TER is a negative difference. Δ: the difference; "
                   "95%: its bootstrap interval; p boot.: paired bootstrap; p rand.: approximate randomization.</p>"
                   '<table><thead><tr><th>metric</th><th class="n">Δ</th><th class="n">95%</th>'
                   '<th class="n">p boot.</th><th class="n">p rand.</th></tr></thead>')
        for v, system in compared:
            out.append(f'<tbody><tr><th colspan="5">{_e(v.label)} − MT</th></tr>')
            for c in system.comparisons:
                out.append(f'<tr><td>{_e(c.metric)}</td><td class="n">{c.difference:+.2f}</td>'
                           f'<td class="n ci">[{c.ci_low:+.2f}, {c.ci_high:+.2f}]</td>'
                           f'<td class="n">{c.p_bootstrap:.4f}</td><td class="n">{c.p_randomization:.4f}</td></tr>')
            out.append("</tbody>")
        out.append("</table>")
    return "\n".join(out)


def _charts(data: ReportData) -> str:
    """chrF per segment, each version's points placed by segment (so a line that is blank in
    one version does not shift the others); a sorted view for long articles."""
    metric, key = data.system(0).scores[PRIMARY].metric, METRIC_KEY
    positions = sorted({g.index for s in data.scores.systems for g in s.segments})
    if not positions:
        return ""
    at = {index: i for i, index in enumerate(positions)}
    line_of = {g.index: g.line for s in data.scores.systems for g in s.segments}
    series = [Series(v.label, [(at[g.index], g.scores.get(key, 0.0)) for g in sorted(s.segments, key=lambda g: g.index)])
              for v, s in zip(data.versions, data.scores.systems)]
    legend = ('<ul class="legend">' + "".join(f"<li>{legend_sample(k)}{_e(v.label)}</li>"
                                              for k, v in enumerate(data.versions)) + "</ul>")
    title = f"{metric} of each segment against the reference, by line"
    out = ['<h2 id="chart">Segment scores</h2>', f"<p>{_e(title)} (higher is better).</p>", legend,
           chart(series, len(positions), [str(line_of[i]) for i in positions], "line", f"{metric} ↑", title)]
    if len(positions) > LONG:
        ranked = []
        for v, s in zip(data.versions, data.scores.systems):
            values = sorted(g.scores.get(key, 0.0) for g in s.segments)
            n = len(values)
            ranked.append(Series(v.label, [(round(i * (len(positions) - 1) / max(n - 1, 1)), x)
                                            for i, x in enumerate(values)]))
        percent = [f"{round(100 * i / max(len(positions) - 1, 1))}%" for i in range(len(positions))]
        sorted_title = f"{metric} of each version's segments, sorted from worst to best"
        out += [f"<p>{_e(sorted_title)}: the further up a line runs, the better the version; where it crosses "
                f"a score, that share of its segments scores lower.</p>",
                chart(ranked, len(positions), percent, "share of segments", f"{metric} ↑", sorted_title)]
    return "\n".join(out)


def _worst(data: ReportData) -> str:
    out = ['<h2 id="reference">Worst segments against the reference</h2>',
           f'<p class="note">The {WORST} segments of each version with the lowest chrF against the independent '
           f"reference translation. These diffs compare a version with the reference, not the MT with the "
           f"revision: struck words are the version’s, underlined words the reference’s.</p>"]
    for v, system in zip(data.versions, data.scores.systems):
        out.append(f"<h3>{_e(v.label)} → reference</h3>")
        worst = sorted(system.segments, key=lambda g: (g.scores.get(METRIC_KEY, 0.0), g.index))[:WORST]
        for g in worst:
            ref = g.references[0] if g.references else ""
            out.append(f'<div class="segment"><p class="where">line {g.line} · chrF {g.scores.get(METRIC_KEY, 0.0):.1f}'
                       f"</p><p>{word_diff_html(g.hypothesis, ref)}</p></div>")
    return "\n".join(out)


def _footer(data: ReportData, json_name: str) -> str:
    signatures = "".join(f"<li>{_e(s.metric)}: <code>{_e(s.signature)}</code></li>" for s in data.system(0).scores)
    return (f'<h2 id="about">About these numbers</h2><ul>{signatures}</ul>'
            f'<p class="note">tqkit {_e(__version__)}, sacrebleu {_e(sacrebleu.__version__)}. Every finding, '
            f"segment score and edit is also in <code>{_e(json_name)}</code>.</p>")
