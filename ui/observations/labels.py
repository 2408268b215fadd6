"""Channel and status labels in the session's language (stored values are fixed codes)."""

from __future__ import annotations

from models.cities import CHANNELS, CHANNELS_EN

STATUS_LABELS: dict[str, tuple[str, str]] = {  # status → (zh, en)
    "draft": ("草稿", "Draft"),
    "submitted": ("已提交", "Submitted"),
    "verified": ("已核实", "Verified"),
    "rejected": ("已退回", "Rejected"),
}


def channel_label(channel: str, language: str) -> str:
    """The channel as shown: the stored Chinese name, or its English name."""
    return CHANNELS_EN.get(channel, channel) if language == "en" else channel


def status_label(status: str, language: str) -> str:
    zh, en = STATUS_LABELS.get(status, (status, status))
    return en if language == "en" else zh


def channel_search_text(index: int) -> str:
    """Both names of CHANNELS[index], for the free-text filter."""
    channel = CHANNELS[index]
    return f"{channel} {CHANNELS_EN.get(channel, '')}"


def status_search_text(status: str) -> str:
    """The code and both labels of a status, for the free-text filter."""
    return " ".join((status, *STATUS_LABELS.get(status, ())))
