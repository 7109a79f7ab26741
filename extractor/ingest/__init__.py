"""Ingest: files -> Article (clean text, title, outlet, publication date) or Rejection.

Two passes so that re-runs are cheap: scan() reads, decodes and hashes (fast; the store
skips hashes it already has), parse() cleans and reads metadata for new inputs only.
Importing this package does not import trafilatura, htmldate or dateparser.
"""

from extractor.ingest.parse import NO_DATE_WARNING, ingest, parse
from extractor.ingest.readers import MAX_BYTES, SUPPORTED, RawDoc, iter_files, scan

__all__ = ["MAX_BYTES", "NO_DATE_WARNING", "SUPPORTED", "RawDoc", "ingest", "iter_files", "parse", "scan"]
