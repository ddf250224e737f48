"""`tqkit score`: sacrebleu metrics with signatures, segment scores and paired significance tests."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode

ALL_METRICS = "bleu,chrf,chrf++,ter"  # scoring (sacrebleu, numpy) is imported when a score runs, not by lint


def score(
    hypotheses: Annotated[list[str], typer.Argument(help="System outputs to score.")],
    ref: Annotated[Optional[list[str]], typer.Option("--ref", "-r", help="Reference (repeatable).")] = None,
    metrics: Annotated[str, typer.Option(help="Comma-separated: bleu, chrf, chrf++, ter.")] = ALL_METRICS,
    baseline: Annotated[Optional[str], typer.Option(help="Compare every other system with this one.")] = None,
    segments: Annotated[int, typer.Option(help="List the N worst segments of each system.")] = 0,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    jobs: Annotated[int, typer.Option(help="Processes for statistics extraction.")] = 1,
    bootstrap_samples: Annotated[int, typer.Option(help="Paired bootstrap resamples.")] = 1000,
    randomization_trials: Annotated[int, typer.Option(help="Approximate randomization trials.")] = 10000,
    post_edit: Annotated[Optional[str], typer.Option(help="Post-edited version of each hypothesis: report HTER and edits.")] = None,
    glossary: Annotated[Optional[list[str]], typer.Option(help="Glossary for term accuracy (with --source).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source text, aligned with the references, for term accuracy.")] = None,
    quiet: Quiet = False,
) -> int:
    """Score hypotheses against references with BLEU, chrF, chrF++ and TER."""
    from tqkit.scoring import postedit
    from tqkit.scoring.metrics import METRICS
    from tqkit.scoring.render import POST_EDIT_RENDERERS, RENDERERS
    from tqkit.scoring.run import run
    for option, value, least in (("--bootstrap-samples", bootstrap_samples, 1), ("--randomization-trials",
                                 randomization_trials, 1), ("--segments", segments, 0), ("--jobs", jobs, 1)):
        if value < least:
            raise ConfigError(f"{option} must be at least {least}")
    names = [m.strip().lower() for m in metrics.split(",") if m.strip()]
    unknown = [m for m in names if m not in METRICS]
    if unknown or not names:
        raise ConfigError(f"--metrics: unknown metric {unknown[0] if unknown else ''!r} (choose from {', '.join(METRICS)})")
    if output_format not in RENDERERS:
        raise ConfigError(f"--format: unknown format {output_format!r} (choose from {', '.join(RENDERERS)})")
    if post_edit:
        reports = postedit.post_edits(post_edit, hypotheses, quiet=quiet)
        sys.stdout.write(POST_EDIT_RENDERERS[output_format](reports))
        return ExitCode.OK
    if not ref:
        raise ConfigError("--ref is required (or --post-edit for post-edit effort)")
    if bool(glossary) != bool(source):
        raise ConfigError("term accuracy needs both --glossary and --source")
    systems = list(hypotheses)
    if baseline and baseline not in systems:
        systems.insert(0, baseline)
    report = run(systems, ref, names, baseline=baseline, segments=segments, jobs=jobs,
                 bs_samples=bootstrap_samples, ar_samples=randomization_trials, glossaries=glossary or (),
                 source=source, quiet=quiet)
    sys.stdout.write(RENDERERS[output_format](report))
    return ExitCode.OK
