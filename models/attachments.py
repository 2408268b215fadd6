"""Files (photos, scans, documents) attached to observations, stored inside the workspace.

The bytes live in the workspace as a BLOB so that a workspace file is self-contained
(a field laptop hands over one file); the SHA-256 is checked again on every read.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models import audit, merge_state
from models.audit import Actor, Change
from models.store import CorruptWorkspaceError, StoreError, rowid

MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024


class AttachmentTooLargeError(StoreError):
    """A file to attach is above the size limit; the message names the file and the limit."""


class AttachmentReadError(StoreError):
    """A file to attach could not be read."""


@dataclass(frozen=True)
class Attachment:
    """An attachment's description (its bytes come from `Workspace.attachment_bytes`)."""

    attachment_id: int
    observation_uuid: str
    file_name: str
    sha256: str
    size: int
    added_at: str
    evaluator: str
    device: str


def _too_large(source: Path, size: int, max_bytes: int) -> AttachmentTooLargeError:
    return AttachmentTooLargeError(
        source,
        f"the file is {size / 1e6:.1f} MB; attachments may be at most {max_bytes / 1e6:.1f} MB",
    )


def read_source(source: Path, max_bytes: int = MAX_ATTACHMENT_BYTES) -> bytes:
    """The bytes of a file to attach, refusing files above `max_bytes` before reading them."""
    try:
        size = source.stat().st_size
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
        with source.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise AttachmentReadError(source, f"cannot read the file ({exc.strerror})") from exc
    if len(data) > max_bytes:
        raise _too_large(source, len(data), max_bytes)
    return data


_INSERT = (
    "INSERT INTO attachment (observation_uuid, file_name, sha256, size, data, added_at,"
    " evaluator, device) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)


def insert(
    conn: sqlite3.Connection, uuid: str, file_name: str, data: bytes, actor: Actor, now: str
) -> str:
    """Store `data` for observation `uuid`; returns its SHA-256 (hex).

    Attaching the same bytes to the same observation again changes nothing.
    """
    row = conn.execute("SELECT deleted_at FROM observation WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        raise LookupError(f"no observation with uuid {uuid}")
    if row[0] is not None:
        raise ValueError(f"observation {uuid} was deleted; restore it before attaching files")
    if not file_name:
        raise ValueError("an attachment needs a file name")
    sha = hashlib.sha256(data).hexdigest()
    if conn.execute(
        "SELECT 1 FROM attachment WHERE observation_uuid = ? AND sha256 = ?", (uuid, sha)
    ).fetchone():
        return sha
    params = (uuid, file_name, sha, len(data), data, now, actor.evaluator, actor.device)
    attachment_id = rowid(conn.execute(_INSERT, params))
    snapshot = {"observation": uuid, "file_name": file_name, "sha256": sha, "size": len(data)}
    audit.record(conn, actor, now, [Change("attachment", attachment_id, "create", new=snapshot)])
    merge_state.touch(conn, uuid)
    return sha


def list_for(conn: sqlite3.Connection, uuid: str) -> list[Attachment]:
    rows = conn.execute(
        "SELECT id, observation_uuid, file_name, sha256, size, added_at, evaluator, device"
        " FROM attachment WHERE observation_uuid = ? ORDER BY id",
        (uuid,),
    )
    return [Attachment(*row) for row in rows]


def load_bytes(conn: sqlite3.Connection, attachment_id: int, workspace: Path) -> bytes:
    """The stored bytes, after checking them against their SHA-256."""
    row = conn.execute(
        "SELECT data, sha256 FROM attachment WHERE id = ?", (attachment_id,)
    ).fetchone()
    if row is None:
        raise LookupError(f"no attachment with id {attachment_id}")
    data, sha = bytes(row[0]), str(row[1])
    if hashlib.sha256(data).hexdigest() != sha:
        raise CorruptWorkspaceError(
            workspace, f"attachment {attachment_id} does not match its SHA-256 {sha}"
        )
    return data
