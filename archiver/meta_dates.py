"""Dates for metadata: normalise the many ways pages write a date to ISO 8601.

Only unambiguous forms are accepted; a value we cannot read with confidence gives None
rather than a guess (a wrong date in an archive is worse than none).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from .meta_rules import DATE_MONTHS, URL_DATE_RE

_ISO_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_COMPACT_RE = re.compile(r"^(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:T?\d{4,6})?")
_DMY_RE = re.compile(r"(?<!\d)(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})(?!\d)")
_YMD_SLASH_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?!\d)")
# "3/5/2022", "03-05-2022", "26 | 01 | 2022": one separator, twice (order: ``_slashed``).
_DMY_SLASH_RE = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s?(?P<sep>[/|-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>(?:19|20)\d{2})(?!\d)"
)
_WORD = r"(?P<mon>[^\W\d_]{3,12})\.?"  # "października"
_MDY_WORD_RE = re.compile(
    rf"{_WORD}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})", re.I
)
_DMY_WORD_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?,?\s+(?:de\s+)?{_WORD},?\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})",
    re.I,
)
_CJK_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[년年.]\s*(?P<m>\d{1,2})\s*[월月.]\s*(?P<d>\d{1,2})")
_EPOCH_RE = re.compile(r"^\d{10}(?:\d{3})?$")


def _valid(year: int, month: int, day: int, latest: date | None) -> date | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    if value.year < 1990 or (latest is not None and value > latest):
        return None
    return value


def _latest() -> date:
    # A page cannot be published after today (plus a day for time zones); the clock
    # honours SOURCE_DATE_EPOCH so runs stay reproducible.
    from .clock import now

    today = now().date()
    return date.fromordinal(today.toordinal() + 1)


def parse_date(
    value: str | None, latest: date | None = None, day_first: bool | None = None
) -> str | None:
    """Return ``value`` as ISO 8601 ("YYYY-MM-DD" or with time), or None if unreadable.

    Accepts ISO 8601 (with or without time and zone), compact "YYYYMMDD", epoch seconds,
    "DD.MM.YYYY", "YYYY/MM/DD", "Month D, YYYY" and "D Month YYYY" in the languages of
    ``DATE_MONTHS``, and CJK "YYYY년 M월 D일" / "YYYY年M月D日". Dates before 1990 or after
    ``latest`` (default: tomorrow) are refused. "3/5/2022" is read only when one reading
    is no date, or when ``day_first`` says how the page's locale writes dates.
    """
    if not value:
        return None
    text = " ".join(str(value).split())[:200]
    if not text:
        return None
    latest = latest or _latest()
    if _EPOCH_RE.match(text):
        seconds = int(text[:10])
        moment = datetime.fromtimestamp(seconds, tz=UTC) if seconds > 0 else None
        if moment and _valid(moment.year, moment.month, moment.day, latest):
            return moment.date().isoformat()
        return None
    match = _ISO_RE.search(text)
    if match:
        day = _valid(int(match["y"]), int(match["m"]), int(match["d"]), latest)
        if day is None:
            return None
        if match["H"] is None:
            return day.isoformat()
        stamp = f"{day.isoformat()}T{int(match['H']):02d}:{match['M']}:{match['S'] or '00'}"
        zone = match["tz"]
        if zone:
            zone = "Z" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
            stamp += zone
        return stamp
    match = _COMPACT_RE.match(text)
    if match:
        day = _valid(int(match["y"]), int(match["m"]), int(match["d"]), latest)
        return day.isoformat() if day else None
    for pattern in (_CJK_RE, _DMY_RE, _YMD_SLASH_RE):
        match = pattern.search(text)
        if match:
            day = _valid(int(match["y"]), int(match["m"]), int(match["d"]), latest)
            return day.isoformat() if day else None
    for pattern in (_MDY_WORD_RE, _DMY_WORD_RE):
        match = pattern.search(text)
        if match:
            month = DATE_MONTHS.get(match["mon"].casefold().rstrip("."))
            if month:
                day = _valid(int(match["y"]), month, int(match["d"]), latest)
                if day:
                    return day.isoformat()
    match = _rfc2822(text)
    if match:
        return match
    match = _DMY_SLASH_RE.search(text)
    if match:
        return _slashed(int(match["y"]), int(match["d"]), int(match["m"]), latest, day_first)
    return None


def _slashed(
    year: int, first: int, second: int, latest: date, day_first: bool | None
) -> str | None:
    """ "3/5/2022": day first in most of the world, month first in the US. One reading
    that is no date settles it; else ``day_first`` (from the page's locale) must."""
    as_dmy = _valid(year, second, first, latest)
    as_mdy = _valid(year, first, second, latest)
    if as_dmy and as_mdy and as_dmy != as_mdy:
        if day_first is None:
            return None
        return (as_dmy if day_first else as_mdy).isoformat()
    found = as_dmy or as_mdy
    return found.isoformat() if found else None


def _rfc2822(text: str) -> str | None:
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None or moment.year < 1990:
        return None
    return moment.date().isoformat()


def date_from_url(url: str | None) -> str | None:
    """The publication date a URL path carries ("/2019/03/13/slug"), full dates only."""
    if not url:
        return None
    match = URL_DATE_RE.search(url)
    if not match or not match.group(3):
        return None
    day = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)), _latest())
    return day.isoformat() if day else None
