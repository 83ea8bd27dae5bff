"""Time for records and bags: SOURCE_DATE_EPOCH when set, so packages are reproducible."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    """The current UTC time, or SOURCE_DATE_EPOCH when that is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return datetime.now(tz=UTC).replace(microsecond=0)


def is_reproducible() -> bool:
    """True when SOURCE_DATE_EPOCH fixes the clock."""
    return bool(os.environ.get("SOURCE_DATE_EPOCH", "").strip())


def iso(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second (the WARC-Date form)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
