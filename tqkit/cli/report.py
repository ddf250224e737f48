"""`tqkit report`: score an article's versions and write HTML, Markdown and JSON reports."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer

from tqkit import po
from tqkit.atomic import write_atomic
from tqkit.cli.lint import build_linter, settings_from
from tqkit.cli.options import Quiet
from tqkit.errors import ConfigError, ExitCode
from tqkit.fix import fix_file
from tqkit.loaders import decode, load, read
from tqkit.loaders.text import normalize_newlines
from tqkit.progress import Progress, size_of

LONG_RUN = 500  # MT lines: off a terminal, a longer run says what it is doing, step by step


def report(
    inputs: Annotated[Optional[list[Path]], typer.Argument(
        metavar="[CORPUS] [REVISION]",
        help="A corpus directory (mt.<lang>.txt, ref.<lang>.txt, rev.<lang>.txt), then revision files "
             "instead of its rev.<lang>.txt; or only revision files, with --mt and --ref.")] = None,
    mt: Annotated[Optional[Path], typer.Option("--mt", help="The machine translation (default: CORPUS/mt.<lang>.txt).")] = None,
    ref: Annotated[Optional[list[Path]], typer.Option("--ref", "-r", help="Reference translation, repeatable (default: CORPUS/ref.<lang>.txt).")] = None,
    name: Annotated[Optional[str], typer.Option(help="Report name (default: the corpus directory's).")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory for <name>.html, .md, .json and the autofix.")] = Path("reports"),
    target: Annotated[str, typer.Option(help="Target language code in a corpus's file names.")] = "en",
    bootstrap_samples: Annotated[int, typer.Option(help="Paired bootstrap resamples.")] = 1000,
    randomization_trials: Annotated[int, typer.Option(help="Approximate randomization trials.")] = 10000,
    jobs: Annotated[int, typer.Option(help="Processes for statistics extraction.")] = 1,
    config: Annotated[Optional[Path], typer.Option(help="Configuration file (default: the nearest one).")] = None,
    quiet: Quiet = False,
) -> int:
    """Report on an article: its machine translation, the MT's autofix and its revisions, against the reference."""
    for option, value in (("--bootstrap-samples", bootstrap_samples), ("--randomization-trials", randomization_trials),
                          ("--jobs", jobs)):
        if value < 1:
            raise ConfigError(f"{option} must be at least 1")
    mt_path, refs, revisions, default_name = _inputs(inputs or [], mt, ref or [], target)
    name = name or default_name
    if not name or "/" in name or os.sep in name or name in (".", ".."):
        raise ConfigError(f"--name: {name!r} cannot name a file")
    settings = settings_from(config)
    linter = build_linter(settings, "text")
    created = _directory(output)
    autofix = output / f"{name}.autofix.{target}{mt_path.suffix}"
    step = Steps(enabled=not quiet and not sys.stderr.isatty() and _lines(mt_path) >= LONG_RUN)
    scoring = Scoring(bootstrap_samples, randomization_trials, jobs, quiet)
    with _removed_on_failure(autofix, output if created else None):
        step("fixing the MT (safe fixes only)")
        result, _, encoding = fix_file(linter, str(mt_path))
        write_atomic(autofix, result.fixed.encode(encoding))
        data = _collect(name, [str(mt_path), str(autofix), *map(str, revisions)], [str(r) for r in refs], settings,
                        linter, scoring, step)
        step("writing the reports")
        written = _write(data, output)
    print(f"Wrote {', '.join(map(str, written))} and {autofix}.", file=sys.stderr)
    return ExitCode.OK


@dataclass(frozen=True)
class Scoring:
    bootstrap: int
    randomization: int
    jobs: int
    quiet: bool


def _directory(output: Path) -> bool:
    """Make the output directory; whether this run made it."""
    created = not output.exists()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the output directory: {exc.strerror or exc}", str(output)) from None
    return created


def _write(data, output: Path) -> list[Path]:
    from tqkit.report import render_json, render_markdown
    from tqkit.report_html import render_html

    html, md, js = (output / f"{data.name}.{suffix}" for suffix in ("html", "md", "json"))
    write_atomic(html, render_html(data, js.name).encode("utf-8"))
    write_atomic(md, render_markdown(data, js.name).encode("utf-8"))
    write_atomic(js, render_json(data).encode("utf-8"))
    return [html, md, js]


def _inputs(inputs: list[Path], mt: Optional[Path], refs: list[Path],
            target: str) -> tuple[Path, list[Path], list[Path], str]:
    """The MT, references, revisions and default name: a corpus directory's fixed names unless
    --mt, --ref or revision files say otherwise."""
    corpus = inputs[0] if inputs and inputs[0].is_dir() else None
    revisions = inputs[1:] if corpus else list(inputs)
    for path in revisions:
        if path.is_dir():
            raise ConfigError("is a directory: give one corpus directory first, then revision files", str(path))
    if corpus is not None:
        layout = f"a corpus holds mt.{target}.txt and ref.{target}.txt"
        mt = mt or corpus / f"mt.{target}.txt"
        refs = refs or [corpus / f"ref.{target}.txt"]
        if not inputs[1:] and (corpus / f"rev.{target}.txt").is_file():
            revisions = [corpus / f"rev.{target}.txt"]
    else:
        layout = "give the files with --mt, --ref and as arguments"
        if mt is None or not refs:
            raise ConfigError(("not a directory: " if inputs else "") + "give a corpus directory, or --mt and --ref "
                              "with the revision files to report on", str(inputs[0]) if inputs else None)
    for path in (mt, *refs, *revisions):
        if not path.exists():
            raise ConfigError(f"no such file ({layout})", str(path))
        if not path.is_file():
            raise ConfigError("not a regular file", str(path))
    stem = mt.name.split(".")[0]
    name = corpus.resolve().name if corpus else (stem if stem not in ("", "mt") else mt.resolve().parent.name)
    return mt, refs, revisions, name


def _collect(name: str, paths: list[str], refs: list[str], settings, linter, scoring: Scoring, step: Steps):
    """Everything the reports show: scores, the post-edit view of each revision, findings."""
    from tqkit import report as model  # sacrebleu and numpy: only when reporting
    from tqkit.scoring.run import run
    from tqkit.scoring.segments import read_segments

    step(f"scoring {len(paths)} versions against {len(refs)} reference{'s' if len(refs) != 1 else ''} "
         f"({scoring.bootstrap:,} bootstrap resamples and {scoring.randomization:,} randomization trials per metric)")
    scores = run(paths, refs, model.METRICS, baseline=paths[0], segments=10**9, jobs=scoring.jobs,
                 bs_samples=scoring.bootstrap, ar_samples=scoring.randomization, quiet=scoring.quiet)
    segments = [read_segments(p) for p in paths]
    step("comparing the MT with each revision (post-edit view)")
    edited = _post_edits(paths, segments, scoring.quiet)
    step("linting every version")
    findings, texts = [], []
    with Progress(len(paths), sum(size_of(p) for p in paths), "files linted", quiet=scoring.quiet) as progress:
        for path in paths:
            data = read(path)
            findings.append(tuple(linter.lint_document(load(path, data))))
            texts.append(_text(path, data))
            progress.advance(len(data))
    lint = model.LintSettings(_shown(settings.path) if settings.path else None, settings.pair,
                              tuple(_shown(g) for g in settings.glossaries), len(linter.rules),
                              settings.select, settings.ignore)
    finders = [model.segment_finder(s.lines, s.keys) for s in segments]
    return model.ReportData(name, _versions(paths), tuple(scores.references), lint, scores, tuple(findings),
                            model.track(findings, texts, finders), edited)


def _versions(paths: list[str]) -> tuple:
    from tqkit.report import Version

    revisions = paths[2:]
    return (Version("MT", paths[0]), Version("autofix", paths[1]),
            *(Version("revision" if len(revisions) == 1 else f"revision {k}", p) for k, p in enumerate(revisions, 1)))


def _post_edits(paths: list[str], segments: list, quiet: bool) -> tuple:
    """MT -> each revision, as `score --post-edit` computes it, with the segments it compares."""
    from tqkit.report import Edited
    from tqkit.scoring.postedit import post_edit
    from tqkit.scoring.segments import align

    edited = []
    revisions = range(2, len(paths))
    with Progress(len(revisions), size_of(paths[0]) * len(revisions), "revisions compared", quiet=quiet) as progress:
        for k in revisions:
            before = align(segments[k], segments[0]).texts
            edited.append(Edited(post_edit(paths[k], paths[0], progress), before, segments[k].texts, segments[k].lines))
            progress.advance()
    return tuple(edited)


def _text(path: str, data: bytes) -> str:
    """The file's text as rules located their findings in it: lines split at LF only."""
    text = data.decode(po.charset_of(path, data), errors="replace") if path.lower().endswith(".po") else decode(data, path)
    return normalize_newlines(text)


def _shown(path: str) -> str:
    """A path as the report shows it: relative to the working directory, so reports do not
    depend on where the checkout is."""
    try:
        return Path(os.path.relpath(path)).as_posix()
    except ValueError:  # another drive
        return path


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as fh:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
    except OSError:
        return 0


class Steps:
    """Off a terminal, one stderr line as each step of a long run starts, with the time so far
    (on a terminal the progress lines show more)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.start = time.monotonic()

    def __call__(self, what: str) -> None:
        if self.enabled:
            print(f"tqkit: report: {time.monotonic() - self.start:.0f} s: {what}", file=sys.stderr, flush=True)


@contextmanager
def _removed_on_failure(path: Path, directory: Path | None) -> Iterator[None]:
    """A run that fails leaves the file as it found it (absent, or with its old bytes), and
    removes the output directory it created."""
    before = path.read_bytes() if path.is_file() else None
    try:
        yield
    except BaseException:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            write_atomic(path, before)
        if directory is not None and not any(directory.iterdir()):
            directory.rmdir()
        raise
