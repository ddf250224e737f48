"""Generated benchmark corpora: realistic news articles built from the bundled texts.

Paragraphs come from the sample, its revision and reference, the clean English news and the
annotated machine translations, with names and numbers varied, written as article files of
about 20 paragraphs. Deterministic for a given seed and size.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Putin", "Xi", "Macron", "Scholz", "Erdogan", "Modi", "Lukashenko", "Raisi", "Sanchez", "Meloni"]


def paragraphs() -> list[str]:
    out = []
    for path in sorted([*ROOT.glob("corpora/*/*.en.txt"), *ROOT.glob("tests/corpus/*/*.txt")]):  # English text
        out += [p for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 20]
    return out


def vary(paragraph: str, rng: random.Random) -> str:
    paragraph = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()))), paragraph)
    for name in NAMES:
        if name in paragraph and rng.random() < 0.5:
            paragraph = paragraph.replace(name, rng.choice(NAMES))
    return paragraph


def write_corpus(directory: Path, megabytes: float, seed: int = 1, per_article: int = 20) -> list[Path]:
    rng = random.Random(seed)
    pool = paragraphs()
    directory.mkdir(parents=True, exist_ok=True)
    files, size, n = [], 0, 0
    while size < megabytes * 1_000_000:
        text = "\n\n".join(vary(rng.choice(pool), rng) for _ in range(per_article)) + "\n"
        path = directory / f"article-{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
        size += len(text.encode("utf-8"))
        n += 1
    return files


def write_section(title: str, body: str) -> None:
    """Replace (or add) the `## title` section of reports/benchmarks.md, keeping the others."""
    out = ROOT / "reports" / "benchmarks.md"
    text = out.read_text(encoding="utf-8") if out.exists() else "# Benchmarks\n"
    head, marker, rest = text.partition(f"\n## {title}\n")
    tail = rest.split("\n## ", 1)[1] if marker and "\n## " in rest else ""
    section = f"\n## {title}\n\n{body.strip()}\n"
    out.write_text(head.rstrip("\n") + "\n" + section + (f"\n## {tail}" if tail else ""), encoding="utf-8")
