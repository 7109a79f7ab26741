"""extractor: statistical claims from news articles, stored in SQLite and reconciled."""

__version__ = "0.1.0"
