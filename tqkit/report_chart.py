"""Inline SVG charts for the HTML report: segment scores by position, and sorted.

Each series differs by colour, dash and marker, so the chart reads in grey print and for
colour-blind readers; every colour has at least 4.5:1 contrast on white. The SVG has a
viewBox and scales to its container; integer coordinates keep the bytes stable.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

# Okabe-Ito hues, darkened to 4.5:1 on white.
COLOURS = ("#0b5394", "#b1361e", "#1a7340", "#6d3d91", "#8a5a00")
DASHES = ("", "7 4", "2 3", "9 3 2 3", "4 2")
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
WIDTH, HEIGHT = 560, 250
LEFT, RIGHT, TOP, BOTTOM = 52, 24, 10, 46
MAX_MARKERS = 60  # per series: beyond that, markers on every n-th point only


@dataclass(frozen=True)
class Series:
    label: str
    points: Sequence[tuple[int, float]]  # (position on the x axis, 0-based; value 0..100)


def style(k: int) -> tuple[str, str, str]:
    return COLOURS[k % len(COLOURS)], DASHES[k % len(DASHES)], MARKERS[k % len(MARKERS)]


def marker(kind: str, x: int, y: int, colour: str, r: int = 3) -> str:
    if kind == "circle":
        return f'<circle cx="{x}" cy="{y}" r="{r}" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{x - r}" y="{y - r}" width="{2 * r}" height="{2 * r}" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{x} {y - r - 1}L{x + r + 1} {y + r}H{x - r - 1}Z" fill="{colour}"/>'
    if kind == "diamond":
        return f'<path d="M{x} {y - r - 1}L{x + r + 1} {y}L{x} {y + r + 1}L{x - r - 1} {y}Z" fill="{colour}"/>'
    return (f'<path d="M{x - r} {y - r}L{x + r} {y + r}M{x - r} {y + r}L{x + r} {y - r}" stroke="{colour}" '
            f'stroke-width="2"/>')


def legend_sample(k: int) -> str:
    """A small inline SVG of series k's line and marker, for an HTML legend."""
    colour, dash, kind = style(k)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (f'<svg class="key" viewBox="0 0 36 12" width="36" height="12" aria-hidden="true">'
            f'<line x1="1" y1="6" x2="35" y2="6" stroke="{colour}" stroke-width="2"{dashed}/>'
            f'{marker(kind, 18, 6, colour)}</svg>')


def ticks(n: int, labels: Sequence[str], count: int = 6) -> list[tuple[int, str]]:
    """About `count` evenly spread positions of n, with their labels."""
    if n <= 1:
        return [(0, labels[0])] if n else []
    step = max(1, round((n - 1) / (count - 1)))
    positions = list(range(0, n, step))
    if n - 1 - positions[-1] >= step / 2:
        positions.append(n - 1)
    return [(i, labels[i]) for i in positions]


def chart(series: Sequence[Series], n: int, x_labels: Sequence[str], x_title: str, y_title: str,
          title: str) -> str:
    """Series over n x positions (ticks labelled from `x_labels`), values 0..100."""
    if n == 0:
        return ""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    x = (lambda i: LEFT + (plot_w * i) // max(n - 1, 1))
    y = (lambda v: TOP + plot_h - int(round(plot_h * max(0.0, min(v, 100.0)) / 100)))
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{_e(title)}">',
           f"<title>{_e(title)}</title>",
           '<g font-size="13" fill="#222" font-family="sans-serif">']
    for v in (0, 25, 50, 75, 100):
        out.append(f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(v)}" y2="{y(v)}" stroke="#ddd"/>'
                   f'<text x="{LEFT - 6}" y="{y(v) + 4}" text-anchor="end">{v}</text>')
    for i, label in ticks(n, x_labels):
        out.append(f'<line x1="{x(i)}" x2="{x(i)}" y1="{TOP + plot_h}" y2="{TOP + plot_h + 5}" stroke="#555"/>'
                   f'<text x="{x(i)}" y="{TOP + plot_h + 19}" text-anchor="middle">{_e(label)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#555"/>')
    out.append(f'<text x="{LEFT + plot_w // 2}" y="{HEIGHT - 6}" text-anchor="middle">{_e(x_title)}</text>')
    out.append(f'<text transform="translate(14 {TOP + plot_h // 2}) rotate(-90)" text-anchor="middle">{_e(y_title)}</text>')
    out.append("</g>")
    for k, s in enumerate(series):
        colour, dash, kind = style(k)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        coords = [(x(i), y(v)) for i, v in s.points]
        points = " ".join(f"{a},{b}" for a, b in coords)
        out.append(f'<g class="series"><title>{_e(s.label)}</title>'
                   f'<polyline fill="none" stroke="{colour}" stroke-width="1.8"{dashed} points="{points}"/>')
        every = max(1, -(-len(coords) // MAX_MARKERS))
        out += [marker(kind, a, b, colour) for a, b in coords[k % every::every]]
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)
