"""`tqkit rules [CODE]`: list the rules of a pair, or print one rule's documentation."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tqkit.errors import ConfigError
from tqkit.rules import registry


def rules(
    code: Annotated[Optional[str], typer.Argument(help="A rule code or name to document.")] = None,
    pair: Annotated[str, typer.Option(help="Language pair, e.g. fr-en.")] = registry.DEFAULT_PAIR,
    output_format: Annotated[str, typer.Option("--format", "-f", help="text or markdown.")] = "text",
) -> int:
    """List rules, or show one rule's documentation."""
    if output_format not in ("text", "markdown"):
        raise ConfigError(f"--format: unknown format {output_format!r} (choose from text, markdown)")
    available = registry.documented(pair)
    if code:
        rule = registry.find(available, code)
        meta = rule.meta
        typer.echo(f"{meta.code} {meta.name} [{meta.severity}] fix: {meta.fix.value}\n{meta.summary}\n")
        typer.echo(rule.doc)
        return 0
    if output_format == "markdown":
        typer.echo("| code | name | severity | fix | summary |\n|---|---|---|---|---|")
        for rule in available:
            m = rule.meta
            typer.echo(f"| `{m.code}` | {m.name} | {m.severity} | {m.fix.value} | {m.summary} |")
        return 0
    for rule in available:
        meta = rule.meta
        typer.echo(f"{meta.code:7} {meta.name:28} {str(meta.severity):8} {meta.fix.value:7} {meta.summary}")
    return 0
