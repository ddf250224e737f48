"""The German→English pack: traces a German source leaves in English text.

Most families are shared classes under this pack's codes; the data (calques, boilerplate,
months) lives in tqkit/packs/de-en/.
"""

from __future__ import annotations

from tqkit.model import Fix, Severity
from tqkit.rules.base import Rule, RuleMeta
from tqkit.rules.fr_en import BOILERPLATE_DOC, CALQUES_DOC
from tqkit.rules.fr_en.countries import CountryArticle
from tqkit.rules.fr_en.dates import SourceMonth
from tqkit.rules.fr_en.typography import DecimalComma, ThousandsSpace, UnitSignPosition
from tqkit.rules.lexicon import LexiconRule
from tqkit.rules.traces import HourSuffix, PairedQuotes, SourceHonorific, ThousandsDot
from tqkit.rules.untranslated import UntranslatedText

PACK = "de-en"

MONTH_DOC = """\
What it does:
    Flags German month names next to a day or a year ("12. Juni", "Juli 2022").

Why is this bad?
    Machine translation leaves dates untranslated when it cannot parse them.

Example:
    The vote took place on 12. Juni.

Use instead:
    The vote took place on June 12.
"""

COUNTRY_DOC = """\
What it does:
    Flags "the" before a country whose English name takes none, where German uses an
    article ("die Schweiz", "die Türkei", "der Iran").

Why is this bad?
    "The Switzerland has agreed" is a literal rendering of "die Schweiz hat zugestimmt".

Example:
    The Switzerland has agreed to the plan.

Use instead:
    Switzerland has agreed to the plan; the Swiss franc rose.
"""


def rules() -> list[Rule]:
    return [
        SourceHonorific({"Herr": "Mr.", "Frau": "Ms.", "Herrn": "Mr.", "Fräulein": "Ms."}).as_code("DE001"),
        PairedQuotes().as_code("DE002"),
        DecimalComma().as_code("DE003"),
        ThousandsDot().as_code("DE004"),
        ThousandsSpace().as_code("DE005"),
        UnitSignPosition().as_code("DE006"),
        HourSuffix().as_code("DE007"),
        SourceMonth(PACK, day=r"\d{1,2}\.", year="").as_code("DE008", MONTH_DOC),
        LexiconRule(RuleMeta("DE009", "boilerplate", Severity.ERROR, "Web-page chrome or scraper residue", Fix.SAFE),
                    PACK, "boilerplate.toml", BOILERPLATE_DOC.replace("Lire aussi", "Lesen Sie auch")),
        LexiconRule(RuleMeta("DE010", "calque", Severity.INFO, "Calque or false friend of German", Fix.UNSAFE),
                    PACK, "calques.toml", CALQUES_DOC.replace("French", "German")),
        CountryArticle().as_code("DE011", COUNTRY_DOC),
        UntranslatedText("DE012", source="de", target="en"),
    ]
