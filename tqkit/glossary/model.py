"""A termbase entry and its representation inside a gettext PO entry.

The PO layout (see README, "Glossary format"):

    # title: Russian President
    # short: Putin
    # forbidden: Poutine | Poutin
    # variant: Vladimir Vladimirovich Putin
    # note: AP, Reuters and AFP English all write Putin.
    #, terminology
    msgctxt "person"
    msgid "Vladimir Poutine"
    msgstr "Vladimir Putin"

`msgctxt` is the kind, `msgid` the source-language form, `msgstr` the canonical target form.
Flags keep Weblate's meaning (`read-only`, `forbidden`, `terminology`); tqkit's own fields are
translator-comment lines `# key: value`, lists separated by ` | `. Other comment lines are kept,
and so are the parts of an entry tqkit does not model (plural forms, `#|` previous strings, an
explicit empty `msgctxt`): a term read from a file keeps its `Message` and writes them back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import polib

from tqkit.po import Message

KINDS = ("person", "title", "organization", "place", "phrase")
WEBLATE_FLAGS = ("read-only", "forbidden", "terminology")
FIELDS = ("title", "short", "forbidden", "variant", "note")
LIST_FIELDS = ("forbidden", "variant")
SEPARATOR = " | "


@dataclass(frozen=True)
class Term:
    source: str
    target: str
    kind: str
    title: str | None = None
    short: str | None = None
    forbidden: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    note: str | None = None
    flags: tuple[str, ...] = ("terminology",)
    comments: tuple[str, ...] = field(default=(), compare=False)  # other translator comments, kept
    extracted: str = field(default="", compare=False)  # `#.` comments, kept
    occurrences: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # `#:` references, kept
    origin: str = field(default="", compare=False)  # "path:line" the entry was read from
    message: Message | None = field(default=None, compare=False, repr=False)  # the entry it was read from

    @property
    def key(self) -> tuple[str, str]:
        return self.kind, self.source

    @property
    def is_forbidden(self) -> bool:
        """Weblate's `forbidden` flag: the msgstr itself must not be used."""
        return "forbidden" in self.flags

    def with_fields(self, **changes: object) -> Term:
        return replace(self, **changes)

    # -- PO ----------------------------------------------------------------------------

    @classmethod
    def from_message(cls, message: Message, origin: str = "") -> Term:
        values: dict[str, str] = {}
        other: list[str] = []
        for line in message.translator_comments:
            key, sep, value = line.partition(":")
            if sep and key.strip() in FIELDS and key.strip() not in values:
                values[key.strip()] = value.strip()
            else:
                other.append(line)
        return cls(
            source=message.msgid,
            target=message.msgstr_plural[0] if message.msgid_plural is not None else message.msgstr,
            kind=message.msgctxt or "",
            title=values.get("title") or None,
            short=values.get("short") or None,
            forbidden=split_list(values.get("forbidden", "")),
            variants=split_list(values.get("variant", "")),
            note=values.get("note") or None,
            flags=message.flags,
            comments=tuple(other),
            extracted="\n".join(message.extracted),
            occurrences=tuple(_reference(r) for r in message.references),
            origin=origin,
            message=message,
        )

    def read_back(self) -> Term:
        """This term as reading its PO entry back gives it: list items split at "|" and trimmed,
        the other fields and the flags trimmed. What a termbase's odd cells ("A|B" in one TBX
        term, "read-only,terminology" in one CSV cell) become in a glossary."""
        def trimmed(value: str | None) -> str | None:
            return (value.strip() or None) if value and "\n" not in value else value

        return replace(
            self, title=trimmed(self.title), short=trimmed(self.short), note=trimmed(self.note),
            forbidden=split_list(SEPARATOR.join(self.forbidden)), variants=split_list(SEPARATOR.join(self.variants)),
            flags=tuple(f.strip() for flag in self.flags for f in flag.split(",") if f.strip()))

    def to_po(self, wrapwidth: int = 78) -> str:
        """The canonical text of this entry (no trailing blank line)."""
        message = self.message
        context = message.msgctxt if message is not None and message.msgctxt == self.kind else self.kind or None
        entry = polib.POEntry(msgctxt=context, msgid=self.source, msgstr=self.target)
        if message is not None and message.msgid_plural is not None:
            entry.msgid_plural = message.msgid_plural
            entry.msgstr_plural = {0: self.target, **{i: s for i, s in enumerate(message.msgstr_plural) if i}}
        lines = [f"{k}: {v}" for k, v in self.field_items()]
        entry.tcomment = "\n".join(lines + list(self.comments))
        entry.flags = list(self.flags)
        entry.comment = self.extracted
        entry.occurrences = list(self.occurrences)
        text = entry.__unicode__(wrapwidth=wrapwidth).rstrip("\n")
        previous = message.previous if message is not None else ()
        if previous:  # `#|` lines go just before msgctxt / msgid, where gettext writes them
            rows = text.split("\n")
            at = next(i for i, row in enumerate(rows) if row.startswith(("msgctxt ", "msgid ")))
            text = "\n".join(rows[:at] + list(previous) + rows[at:])
        return text

    def field_items(self) -> list[tuple[str, str]]:
        items = [("title", self.title), ("short", self.short), ("forbidden", SEPARATOR.join(self.forbidden)),
                 ("variant", SEPARATOR.join(self.variants)), ("note", self.note)]
        return [(k, v) for k, v in items if v]


def split_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


def _reference(token: str) -> tuple[str, str]:
    """A `#:` reference as polib keeps it: (file, line), the line empty when there is none."""
    name, sep, line = token.rpartition(":")
    return (name, line) if sep and line.isdigit() else (token, "")
