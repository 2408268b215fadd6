"""Times as the user reads them: the store keeps UTC ('…T10:00:00.000Z'); the screens show
the computer's time zone, and name it where a column holds times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo


def local_time(stamp: object, *, seconds: bool = True) -> str:
    """A stored UTC time as local 'YYYY-MM-DD HH:MM[:SS]' ("" for None; text that is no
    time is returned as it is)."""
    if stamp is None:
        return ""
    try:
        local = datetime.fromisoformat(str(stamp)).astimezone()
    except ValueError:
        return str(stamp)
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def local_zone() -> tzinfo:
    """The time zone the times shown are in."""
    return datetime.now().astimezone().tzinfo or UTC


def zone_name() -> str:
    """The local time zone as 'UTC+8' (or 'UTC-3:30'), for column headers."""
    offset = datetime.now().astimezone().utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "-" if minutes < 0 else "+"
    return "UTC" if not minutes else f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
