"""FR017: "interview" for a French "entretien" between leaders (talks, not a press interview)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tqkit.model import Document, Hit, Severity
from tqkit.rules.base import Rule, RuleMeta

_INTERVIEW = re.compile(r"\b[Ii]nterviews?\b")
# Contexts where "interview" is a press or job interview, which English does mean.
_MEDIA_BEFORE = re.compile(
    r"(?:\b(?:in|an|gave|give|giving|granted|exclusive|television|TV|radio|press|job|exit|phone|telephone"
    r"|podcast|newspaper|magazine|video|recorded|lengthy|rare|joint|his|her|their|my|our|your)[ \t]+)$", re.I)
_MEDIA_AFTER = re.compile(r"^[ \t]+(?:with|to|for|by|on[ \t]+(?:CNN|BBC|Fox|TV|television|radio))\b"
                          r"|^[ \t]+(?:published|aired|released|conducted)\b", re.I)
_MEDIA_WORDS = re.compile(
    r"\b(?:told|newspaper|magazine|radio|television|TV|channel|podcast|journalists?|reporters?|host|anchor"
    r"|quoted|newsroom|broadcaster|CNN|BBC|Fox News|NBC|CBS|ABC|PBS|NPR|Reuters|AP|AFP|Bloomberg|Sky News"
    r"|Al Jazeera|Financial Times|New York Times|Washington Post|Wall Street Journal|Guardian|Le Monde"
    r"|Der Spiegel|El País)\b")
_VERB_BEFORE = re.compile(r"\b(?:to|will|would|could|should|must|may|might|can|did|not)[ \t]+$", re.I)
_MEETING_WORDS = re.compile(r"\b(?:met|meeting|meetings|summit|talks|counterpart|leaders|bilateral)\b")


class InterviewForTalks(Rule):
    """
    What it does:
        Flags "interview" used for talks between leaders, in an article about a meeting,
        where nothing points to a press or job interview ("an interview with the BBC",
        "told reporters", "in an interview published on Sunday").

    Why is this bad?
        French "entretien" means both; between two heads of state it means talks.
        "Xi and Putin's interview" tells an English reader that one questioned the other.

    Example:
        Xi met Putin at the summit. During the interview on Thursday, Putin reiterated his support.

    Use instead:
        Xi met Putin at the summit. During the talks on Thursday, Putin reiterated his support.
        Xi met Putin at the summit. In an interview with the BBC, Putin reiterated his support.
    """

    meta = RuleMeta("FR017", "interview-for-talks", Severity.WARNING, "“Interview” for talks between leaders")

    def screens(self) -> tuple[re.Pattern[str], ...]:
        return (_INTERVIEW,)

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        if "nterview" not in text or len(_MEETING_WORDS.findall(text)) < 2:
            return
        for m in doc.finditer(_INTERVIEW):
            seg = doc.segment_at(m.start())
            if seg is None:
                continue
            paragraph = text[seg.start : seg.end]
            if _MEDIA_WORDS.search(paragraph):
                continue
            if _MEDIA_BEFORE.search(text, max(seg.start, m.start() - 30), m.start()):
                continue
            if _VERB_BEFORE.search(text, max(seg.start, m.start() - 20), m.start()):
                continue  # "would interview witnesses": the verb
            if _MEDIA_AFTER.match(text[m.end() : m.end() + 40]):
                continue
            talks = "talks" if m.group()[0].islower() else "Talks"
            yield Hit(m.start(), m.end(), "between leaders, French “entretien” means talks, not an interview", talks)
