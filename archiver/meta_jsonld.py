"""JSON-LD (schema.org) evidence: the best-ranked source of metadata when a page has it.

Pages embed one or more ``<script type="application/ld+json">`` blocks holding objects,
lists or an ``@graph``; authors may be strings, objects, lists or ``@id`` references to a
Person elsewhere in the graph. ``read_jsonld`` flattens all of that into one ``JsonLd``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .meta_rules import JSONLD_ARTICLE_TYPES, JSONLD_PAGE_TYPES

_ORGANISATION_TYPES = frozenset(
    {"organization", "newsmediaorganization", "corporation", "localbusiness", "website"}
)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA_RE = re.compile(r",\s*([\]}])")


@dataclass
class JsonLd:
    """What the page's JSON-LD says about the item (empty fields when it says nothing)."""

    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    sections: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    publisher: str | None = None
    publisher_is_person: bool = False  # a personal blog's publisher: its owner
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    url: str | None = None
    breadcrumbs: list[str] = field(default_factory=list)
    is_article: bool = False  # the evidence came from an article-type node


def _loads(text: str) -> Any:
    text = text.strip()
    if text.startswith("<!--"):
        text = text[4:]
    if text.endswith("-->"):
        text = text[:-3]
    text = text.strip().removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    try:
        return json.loads(text)
    except ValueError:
        pass
    # Common authoring slips: raw control characters in strings, trailing commas.
    try:
        return json.loads(_TRAILING_COMMA_RE.sub(r"\1", _CONTROL_RE.sub(" ", text)))
    except ValueError:
        return None


def _nodes(data: Any) -> list[dict[str, Any]]:
    """Every object in ``data``, descending into lists and @graph (not into properties)."""
    found: list[dict[str, Any]] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        elif isinstance(item, dict):
            found.append(item)
            if "@graph" in item:
                stack.insert(0, item["@graph"])
            # WebPage.mainEntity often holds the article.
            main = item.get("mainEntity")
            if isinstance(main, dict) and "@type" in main:
                stack.append(main)
    return found


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [str(v).rsplit("/", 1)[-1].casefold() for v in values if v]


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str | int | float) and str(value).strip():
        return " ".join(str(value).split())
    return None


def _names(value: Any, index: dict[str, dict[str, Any]]) -> list[str]:
    """Author names from a string, an object, an @id reference or a list of these."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values:
        if isinstance(item, dict):
            if "name" not in item and item.get("@id") in index:
                item = index[item["@id"]]
            # An organisation credited as author is the publisher, not a person.
            if set(_types(item)) & _ORGANISATION_TYPES:
                continue
            name = item.get("name")
            if isinstance(name, list):
                name = " ".join(str(n) for n in name)
            if not name and (item.get("givenName") or item.get("familyName")):
                name = f"{item.get('givenName', '')} {item.get('familyName', '')}"
            if isinstance(name, str) and name.strip():
                names.append(" ".join(name.split()))
        elif isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
    return names


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            text = _text(item)
            if text:
                out.append(text)
        return out
    text = _text(value)
    return [text] if text else []


def read_jsonld(scripts: list[str]) -> JsonLd:
    """Merge the JSON-LD blocks of a page into one ``JsonLd`` (article node first)."""
    nodes: list[dict[str, Any]] = []
    for script in scripts:
        data = _loads(script)
        if data is not None:
            nodes.extend(_nodes(data))
    result = JsonLd()
    if not nodes:
        return result
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}

    def rank(node: dict[str, Any]) -> int:
        types = _types(node)
        for position, name in enumerate(JSONLD_ARTICLE_TYPES):
            if name in types:
                return position
        for position, name in enumerate(JSONLD_PAGE_TYPES):
            if name in types:
                return 100 + position
        return 1000

    ranked = sorted((n for n in nodes if rank(n) < 1000), key=rank)
    for node in ranked:
        is_article = rank(node) < 100
        if not result.headline:
            result.headline = _text(node.get("headline")) or (
                _text(node.get("name")) if is_article else None
            )
        if not result.authors:
            result.authors = _names(node.get("author") or node.get("creator"), index)
        if not result.published:
            result.published = _text(node.get("datePublished")) or _text(node.get("dateCreated"))
        if not result.sections:
            result.sections = _list(node.get("articleSection"))
        if not result.keywords and is_article:
            result.keywords = _list(node.get("keywords"))
        if not result.publisher:
            publisher = node.get("publisher")
            if isinstance(publisher, dict) and "name" not in publisher:
                publisher = index.get(publisher.get("@id", ""), publisher)
            result.publisher = _text(publisher)
            if result.publisher and isinstance(publisher, dict):
                result.publisher_is_person = "person" in _types(publisher)
        if not result.description:
            result.description = _text(node.get("description"))
        if not result.language:
            result.language = _text(node.get("inLanguage"))
        if not result.url and is_article:
            result.url = _text(node.get("url")) or _text(node.get("mainEntityOfPage"))
        result.is_article = result.is_article or is_article
    for node in nodes:
        types = _types(node)
        if "website" in types and not result.site_name:
            result.site_name = _text(node.get("name"))
        if "breadcrumblist" in types and not result.breadcrumbs:
            result.breadcrumbs = _breadcrumbs(node)
    return result


def _breadcrumbs(node: dict[str, Any]) -> list[str]:
    items = node.get("itemListElement")
    if not isinstance(items, list):
        return []

    def position(item: Any) -> float:
        try:
            return float(item.get("position", 0)) if isinstance(item, dict) else 0.0
        except (TypeError, ValueError):
            return 0.0

    names: list[str] = []
    for item in sorted((i for i in items if isinstance(i, dict)), key=position):
        target = item.get("item")
        name = _text(item.get("name")) or (_text(target) if isinstance(target, dict) else None)
        if name:
            names.append(name)
    return names
