"""tqkit: a translation-quality toolkit."""

__version__ = "0.1.0"
