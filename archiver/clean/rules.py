"""Residue rules as data: footer, navigation, share and comment strings. STUB."""

from __future__ import annotations


def strip_residue(paragraphs: list[str]) -> list[str]:
    """Drop paragraphs that are blog residue. STUB: replaced by the real one."""
    return paragraphs
