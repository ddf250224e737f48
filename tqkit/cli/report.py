"""`tqkit report CORPUS_DIR`: score an article's versions and write HTML and Markdown reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from tqkit.atomic import write_atomic
from tqkit.cli.lint import build_linter, settings_from
from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode
from tqkit.fix import fix_file
from tqkit.loaders import load, read
from tqkit.progress import Progress, size_of


def report(
    corpus: Annotated[Path, typer.Argument(help="A corpus directory: mt.<lang>.txt, ref.<lang>.txt, rev.<lang>.txt.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for <name>.html and <name>.md.")] = Path("reports"),
    target: Annotated[str, typer.Option(help="Target language code in the file names.")] = "en",
    bootstrap_samples: Annotated[int, typer.Option(help="Paired bootstrap resamples.")] = 1000,
    randomization_trials: Annotated[int, typer.Option(help="Approximate randomization trials.")] = 10000,
    config: Annotated[Optional[Path], typer.Option(help="Configuration file (default: the nearest one).")] = None,
    quiet: Quiet = False,
) -> int:
    """Report on a corpus: machine translation, its autofix, the revision, against the reference."""
    mt, ref, rev = (corpus / f"{kind}.{target}.txt" for kind in ("mt", "ref", "rev"))
    for path in (mt, ref):
        if not path.is_file():
            raise ConfigError(f"{path} is missing (a corpus holds mt.{target}.txt and ref.{target}.txt)")
    settings = settings_from(config)
    linter = build_linter(settings, "text")
    name = corpus.name
    output.mkdir(parents=True, exist_ok=True)
    # The autofixed machine translation (safe fixes only) is written beside the reports.
    autofix = output / f"{name}.autofix.{target}.txt"
    result, _, encoding = fix_file(linter, str(mt))
    write_atomic(autofix, result.fixed.encode(encoding))
    systems = [str(mt), str(autofix)] + ([str(rev)] if rev.is_file() else [])
    from tqkit.report import SystemFindings, render_html, render_markdown  # sacrebleu: only when reporting
    from tqkit.scoring.run import run

    scores = run(systems, [str(ref)], ["bleu", "chrf", "chrf++", "ter"], baseline=str(mt), segments=10**9,
                 bs_samples=bootstrap_samples, ar_samples=randomization_trials, quiet=quiet)
    findings = []
    sizes = [size_of(p) for p in systems]
    with Progress(len(systems), sum(sizes), "files linted", quiet=quiet) as progress:
        for path, size in zip(systems, sizes):
            findings.append(SystemFindings(path, linter.lint_document(load(path, read(path)))))
            progress.advance(size)
    title = f"tqkit report: {name}"
    write_atomic(output / f"{name}.html", render_html(title, scores, findings).encode("utf-8"))
    write_atomic(output / f"{name}.md", render_markdown(title, scores, findings).encode("utf-8"))
    print(f"Wrote {output / f'{name}.html'}, {output / f'{name}.md'} and {autofix}.", file=sys.stderr)
    return ExitCode.OK
