"""Titles: pick the item's headline and strip the site's name from it.

Pages name the item several times: JSON-LD ``headline``, ``og:title``, the ``<h1>`` of the
post and ``<title>``. The last two usually carry the site's name (" | Site", " - Site",
"Site: ..."); ``strip_site_name`` removes it when the removed part is provably the site's
(it matches the site name or the domain, or it is what every other candidate lacks).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .meta_rules import TITLE_GENERIC_SEGMENTS, TITLE_KICKER_SEPARATORS, TITLE_SEPARATORS

_ALNUM_RE = re.compile(r"[\W_]+")


def _key(value: str) -> str:
    return _ALNUM_RE.sub("", value.casefold())


def _squash(value: str | None) -> str:
    return " ".join(html.unescape(value or "").split())


def site_keys(site_name: str | None, url: str | None) -> set[str]:
    """Comparable forms of the site's name: og:site_name and the domain's main label."""
    keys = set()
    if site_name:
        keys.add(_key(site_name))
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    if host:
        labels = host.split(".")
        keys.add(_key(host))
        if len(labels) >= 2:
            keys.add(_key(main_label(labels)))
    return {k for k in keys if len(k) >= 2}


def main_label(labels: list[str]) -> str:
    """The label that names a site among its host's (two or more) labels: "nytimes.com" ->
    "nytimes"; "bbc.co.uk" -> "bbc"."""
    return labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2]


def _is_site(part: str, keys: set[str]) -> bool:
    key = _key(part)
    if not key or part.strip().casefold() in TITLE_GENERIC_SEGMENTS:
        return True
    return any(key == k or (len(k) >= 4 and (k in key or key in k)) for k in keys)


def strip_site_name(title: str, keys: set[str]) -> str:
    """Remove leading/trailing segments of ``title`` that name the site."""
    parts = TITLE_SEPARATORS.split(title)
    seps = TITLE_SEPARATORS.findall(title)
    if len(parts) < 2:
        return title
    start, end = 0, len(parts)
    while end - start > 1 and _is_site(parts[end - 1], keys):
        end -= 1
    while end - start > 1 and _is_site(parts[start], keys):
        start += 1
    if (start, end) == (0, len(parts)):
        return title
    out = parts[start]
    for index in range(start + 1, end):
        out += seps[index - 1] + parts[index]
    return out.strip()


def edge_runs(title: str) -> set[str]:
    """Comparable forms of every run of segments that starts or ends ``title``.

    "Climate: Drilling until it gets hot | Paper" gives "Climate", "Climate: Drilling ...",
    "Drilling until it gets hot", "Paper" and so on: the places a visible headline can sit
    in a title that adds a kicker, a date or the site's name around it.
    """
    parts = [
        p
        for p in re.split(f"{TITLE_SEPARATORS.pattern}|{TITLE_KICKER_SEPARATORS.pattern}", title)
        if p
    ]
    keys = set()
    for index in range(1, len(parts)):
        keys.add(_key(" ".join(parts[:index])))
        keys.add(_key(" ".join(parts[index:])))
    return {k for k in keys if k}


def choose_title(
    jsonld: str | None,
    meta: list[str],
    h1: list[str],
    title_tag: str | None,
    site_name: str | None,
    url: str | None,
    site_names: tuple[str, ...] = (),
    h1_in_post: bool = True,
) -> str | None:
    """The headline, best evidence first, with the site's name removed.

    An ``<h1>`` of the post that agrees with another source, whole or as the part of it
    between separators, wins (it is what readers see); otherwise JSON-LD ``headline``,
    then og:title, then the single ``<h1>``, then ``<title>``. ``site_names`` are other
    names the page gives itself (its logo text): never a headline, cut from titles.
    ``h1_in_post`` says the headings come from the post's own element, not the whole page.
    """
    keys = site_keys(site_name, url) | {_key(n) for n in site_names if len(_key(n)) >= 2}
    # A heading that is the site's name (a logo in an <h1>) is never the headline.
    headings = [_squash(h) for h in h1 if _squash(h) and not _is_site(_squash(h), keys)]
    others = [_squash(v) for v in [jsonld, *meta, title_tag] if _squash(v)]
    cleaned = [strip_site_name(v, keys) for v in others]
    other_keys = {_key(v) for v in others + cleaned}
    for heading in headings:
        if _key(heading) in other_keys:
            return heading
    # "Headline | Section | Paper", "Kicker: Headline": the heading is a run of segments.
    runs = set().union(*(edge_runs(v) for v in others)) if others else set()
    given = {_key(strip_site_name(_squash(v), keys)) for v in [jsonld, *meta] if _squash(v)}
    for heading in headings:
        key = _key(heading)
        # A heading that holds the structured headline plus a kicker is not the cleaner one.
        if any(g and g in key for g in given):
            continue
        if len(heading.split()) >= 2 and key in runs:
            return heading
    # The one headline the post shows outranks a differently worded SEO title, unless it
    # merely wraps that title in a kicker ("Kicker Headline").
    if h1_in_post and len(headings) == 1 and len(headings[0].split()) >= 3:
        key = _key(headings[0])
        if not any(g and (g in key or key in g) for g in given):
            return headings[0]
    structured = [strip_site_name(_squash(v), keys) for v in [jsonld, *meta] if _squash(v)]
    if structured:
        return structured[0]
    if len(headings) == 1:
        return headings[0]
    if title_tag and _squash(title_tag):
        return strip_site_name(_squash(title_tag), keys)
    return headings[0] if headings else None
