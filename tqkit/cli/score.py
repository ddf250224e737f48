"""`tqkit score`: sacrebleu metrics with signatures, segment scores and paired significance tests.

Options a sacrebleu user knows keep sacrebleu's names (and short forms), so its command lines
carry over: `-tok`, `-l`, `-lc`, `-s`/`-sv`, `--chrf-*`, `--ter-*`, `-nr`, `-ci`, `-w`,
`--paired-bs`/`--paired-ar` and their `-n` counts.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode

ALL_METRICS = "bleu,chrf,chrf++,ter"  # scoring (sacrebleu, numpy) is imported when a score runs, not by lint
SEED = 12345  # sacrebleu's default SACREBLEU_SEED (tqkit.scoring.significance.SEED, not imported by lint)


def score(
    hypotheses: Annotated[list[str], typer.Argument(help="System outputs to score.")],
    ref: Annotated[Optional[list[str]], typer.Option("--ref", "-r", help="Reference (repeatable).")] = None,
    metrics: Annotated[str, typer.Option("--metrics", "-m", help="Comma-separated: bleu, chrf, chrf++, ter.")] = ALL_METRICS,
    baseline: Annotated[Optional[str], typer.Option(help="Compare every other system with this one.")] = None,
    paired_bs: Annotated[bool, typer.Option("--paired-bs", "-pbs", help="Run the paired bootstrap test (alone, unless --paired-ar too).")] = False,
    paired_ar: Annotated[bool, typer.Option("--paired-ar", "-par", help="Run the paired approximate randomization test (alone, unless --paired-bs too).")] = False,
    bootstrap_samples: Annotated[int, typer.Option("--bootstrap-samples", "--paired-bs-n", "-pbsn", help="Paired bootstrap resamples.")] = 1000,
    randomization_trials: Annotated[int, typer.Option("--randomization-trials", "--paired-ar-n", "-parn", help="Approximate randomization trials when more than 20 segments differ.")] = 10000,
    seed: Annotated[Optional[str], typer.Option(help="Random seed, or 'none' (default: $SACREBLEU_SEED, else 12345).")] = None,
    sacrebleu_compatible: Annotated[bool, typer.Option("--sacrebleu-compatible", help="sacrebleu's randomization test: sampled, ties never count.")] = False,
    confidence: Annotated[bool, typer.Option("--confidence", "-ci", help="Bootstrap confidence interval of each score.")] = False,
    confidence_n: Annotated[int, typer.Option("--confidence-n", "-cin", help="Resamples for --confidence.")] = 1000,
    tokenize: Annotated[Optional[str], typer.Option("--tokenize", "-tok", help="BLEU tokenizer: none, 13a, intl, zh, char, ja-mecab, ko-mecab, flores101, flores200, ...")] = None,
    language_pair: Annotated[Optional[str], typer.Option("--language-pair", "-l", help="SRC-TGT; the target picks BLEU's tokenizer for zh, ja, ko.")] = None,
    lowercase: Annotated[bool, typer.Option("--lowercase", "-lc", help="Case-insensitive BLEU.")] = False,
    force: Annotated[bool, typer.Option("--force", help="BLEU input is detokenized: no tokenized-period warning.")] = False,
    smooth_method: Annotated[str, typer.Option("--smooth-method", "-s", help="BLEU smoothing: exp, floor, add-k, none.")] = "exp",
    smooth_value: Annotated[Optional[float], typer.Option("--smooth-value", "-sv", help="For floor (default 0.1) and add-k (default 1).")] = None,
    effective_order: Annotated[bool, typer.Option("--effective-order", help="BLEU over the n-gram orders the corpus has (sacrebleu's API option).")] = False,
    max_ngram_order: Annotated[int, typer.Option("--max-ngram-order", help="BLEU's largest n-gram order (sacrebleu's API option).")] = 4,
    chrf_char_order: Annotated[int, typer.Option("--chrf-char-order", "-cc", help="chrF character n-gram order.")] = 6,
    chrf_word_order: Annotated[int, typer.Option("--chrf-word-order", "-cw", help="chrF word n-gram order (chrf++ is always 2).")] = 0,
    chrf_beta: Annotated[int, typer.Option("--chrf-beta", help="chrF recall weight.")] = 2,
    chrf_whitespace: Annotated[bool, typer.Option("--chrf-whitespace", help="chrF character n-grams include whitespace.")] = False,
    chrf_lowercase: Annotated[bool, typer.Option("--chrf-lowercase", help="Case-insensitive chrF.")] = False,
    chrf_eps_smoothing: Annotated[bool, typer.Option("--chrf-eps-smoothing", help="chrF++.py/NLTK/Moses epsilon smoothing.")] = False,
    ter_case_sensitive: Annotated[bool, typer.Option("--ter-case-sensitive", help="Case-sensitive TER.")] = False,
    ter_normalized: Annotated[bool, typer.Option("--ter-normalized", help="TER normalizes and tokenizes punctuation.")] = False,
    ter_no_punct: Annotated[bool, typer.Option("--ter-no-punct", help="TER removes punctuation.")] = False,
    ter_asian_support: Annotated[bool, typer.Option("--ter-asian-support", help="TER splits Asian characters.")] = False,
    num_refs: Annotated[int, typer.Option("--num-refs", "-nr", help="Tab-separated references per line of the (single) --ref file.")] = 1,
    input_format: Annotated[str, typer.Option("--input-format", help="lines (every line a segment, any extension), markdown, po or xliff.")] = "lines",
    segments: Annotated[int, typer.Option(help="List the N worst segments of each system.")] = 0,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    width: Annotated[int, typer.Option("--width", "-w", help="Decimals in text and Markdown output.")] = 2,
    jobs: Annotated[Optional[int], typer.Option(help="Processes for statistics extraction (default: the number of cores).")] = None,
    post_edit: Annotated[Optional[str], typer.Option(help="Post-edited version of each hypothesis: report HTER and edits.")] = None,
    glossary: Annotated[Optional[list[str]], typer.Option(help="Glossary for term accuracy (with --source).")] = None,
    source: Annotated[Optional[str], typer.Option(help="Source text, aligned with the references, for term accuracy.")] = None,
    quiet: Quiet = False,
) -> int:
    """Score hypotheses against references with BLEU, chrF, chrF++ and TER."""
    # OpenBLAS's threads fight every other process for the cores: on a busy two-core machine the
    # randomization test's matrix products took ten times longer with them. Parallelism comes
    # from --jobs. (Read when numpy loads, which the scoring modules below do first.)
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    from tqkit.scoring import postedit
    from tqkit.scoring.metrics import METRICS, SMOOTH_METHODS, MetricOptions
    from tqkit.scoring.render import POST_EDIT_RENDERERS, RENDERERS
    from tqkit.scoring.run import Settings, run
    from tqkit.scoring.segments import FORMATS
    from tqkit.scoring.significance import Tests

    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    for option, value, least in (("--bootstrap-samples", bootstrap_samples, 1), ("--randomization-trials",
                                 randomization_trials, 1), ("--segments", segments, 0), ("--jobs", jobs, 1),
                                 ("--confidence-n", confidence_n, 1), ("--num-refs", num_refs, 1), ("--width", width, 0),
                                 ("--chrf-char-order", chrf_char_order, 0), ("--chrf-word-order", chrf_word_order, 0),
                                 ("--chrf-beta", chrf_beta, 0), ("--max-ngram-order", max_ngram_order, 1)):
        if value < least:
            raise ConfigError(f"{option} must be at least {least}")
    names = [m.strip().lower() for m in metrics.split(",") if m.strip()]
    unknown = [m for m in names if m not in METRICS]
    if unknown or not names:
        raise ConfigError(f"--metrics: unknown metric {unknown[0] if unknown else ''!r} (choose from {', '.join(METRICS)})")
    _choice("--format", output_format, RENDERERS)
    _choice("--input-format", input_format, FORMATS)
    _choice("--smooth-method", smooth_method, SMOOTH_METHODS)
    if chrf_char_order + chrf_word_order < 1 and "chrf" in names:
        raise ConfigError("--chrf-char-order and --chrf-word-order cannot both be 0")
    if post_edit:
        reports = postedit.post_edits(post_edit, hypotheses, quiet=quiet, input_format=input_format)
        sys.stdout.write(POST_EDIT_RENDERERS[output_format](reports))
        return ExitCode.OK
    if not ref:
        raise ConfigError("--ref is required (or --post-edit for post-edit effort)")
    if num_refs > 1 and len(ref) > 1:
        raise ConfigError("--num-refs reads tab-separated references from a single --ref file")
    if bool(glossary) != bool(source):
        raise ConfigError("term accuracy needs both --glossary and --source")
    systems = list(hypotheses)
    if (paired_bs or paired_ar) and not baseline:
        baseline = systems[0]  # sacrebleu's rule: the first system is the baseline
    if baseline and baseline not in systems:
        systems.insert(0, baseline)
    if (paired_bs or paired_ar) and len(set(systems)) < 2:
        raise ConfigError("paired tests need two systems or more (the first, or --baseline, is the baseline)")
    both = not (paired_bs or paired_ar)
    options = MetricOptions(
        tokenize=tokenize, target_language=_target(language_pair), lowercase=lowercase, force=force,
        smooth_method=smooth_method, smooth_value=smooth_value, effective_order=effective_order, max_ngram_order=max_ngram_order,
        chrf_char_order=chrf_char_order, chrf_word_order=chrf_word_order, chrf_beta=chrf_beta,
        chrf_whitespace=chrf_whitespace, chrf_lowercase=chrf_lowercase, chrf_eps_smoothing=chrf_eps_smoothing,
        ter_case_sensitive=ter_case_sensitive, ter_normalized=ter_normalized, ter_no_punct=ter_no_punct,
        ter_asian_support=ter_asian_support)
    tests = Tests(bootstrap_samples if both or paired_bs else 0, randomization_trials if both or paired_ar else 0,
                  _seed(seed), sacrebleu_compatible)
    settings = Settings(options, tests, confidence_n if confidence else 0, num_refs, input_format, jobs)
    report = run(systems, ref, names, baseline=baseline, segments=segments, glossaries=glossary or (),
                 source=source, quiet=quiet, settings=settings)
    if not quiet:
        for warning in report.warnings:
            print(f"tqkit: {warning}", file=sys.stderr)
    sys.stdout.write(RENDERERS[output_format](report, width))
    return ExitCode.OK


def _choice(option: str, value: str, choices) -> None:
    if value not in choices:
        raise ConfigError(f"{option}: unknown value {value!r} (choose from {', '.join(choices)})")


def _target(language_pair: str | None) -> str:
    if language_pair is None:
        return ""
    source, sep, target = language_pair.partition("-")
    if not sep or not source or not target:
        raise ConfigError(f"--language-pair: expected SRC-TGT such as en-de, got {language_pair!r}")
    return target


def _seed(value: str | None) -> int | None:
    """--seed, else SACREBLEU_SEED, else sacrebleu's 12345; 'none' draws fresh entropy."""
    from tqkit.scoring.significance import parse_seed

    where = "--seed" if value is not None else "SACREBLEU_SEED"
    value = value if value is not None else os.environ.get("SACREBLEU_SEED", str(SEED))
    try:
        return parse_seed(value)
    except ValueError:
        raise ConfigError(f"{where}: expected an integer or 'none', got {value!r}") from None
