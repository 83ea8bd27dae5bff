"""Cleaning: main text of HTML pages and plain-text dumps, minus blog residue."""
