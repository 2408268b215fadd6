"""The field package container: one ZIP file, a manifest and its hashed parts, read defensively.

A package is written to a temporary name and renamed into place when complete. Its
`manifest.json` names every other member with its size and SHA-256; the reader refuses
(`PackageError`, with a message naming the file) anything that is not exactly that:

- not a ZIP, or a truncated or damaged one (no central directory, bad CRC, short data);
- a member name outside the fixed set (`PART_NAME`): no folders, "..", absolute paths or
  backslashes, so nothing can ever point outside the package (it is never unpacked to disk);
- a member listed twice, encrypted, or compressed with anything but stored/deflate;
- sizes above the limits (`Limits`): the file, each part, all parts together, the number of
  members, and the compression ratio of large parts (zip bombs) — all checked from the
  central directory before a byte is inflated; reading never goes past the declared size;
- a member missing from, unlisted in, or not matching the manifest (size or SHA-256).

The manifest's hashes detect damage and casual tampering; they are not a signature.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

MANIFEST = "manifest.json"
PART_NAME = re.compile(
    r"(?:framework\.json|observations\.jsonl|audit\.jsonl|attachments\.jsonl|teams\.json"
    r"|attachments/[0-9a-f]{64})"
)
_CHUNK = 1 << 20


class PackageError(ValueError):
    """A field package that cannot be used; the message names the file and says why."""

    def __init__(self, path: Path | str, message: str) -> None:
        self.path, self.message = Path(path), message
        super().__init__(f"{self.path}: {message}")


@dataclass(frozen=True)
class Limits:
    """Size limits of the reader (defaults suit real packages; tests pass smaller ones)."""

    file_bytes: int = 2 << 30
    members: int = 200_000
    manifest_bytes: int = 32 << 20
    part_bytes: int = 256 << 20
    attachment_bytes: int = 25 << 20
    total_bytes: int = 4 << 30
    ratio: float = 500.0  # largest inflated/compressed ratio of a part above ratio_floor
    ratio_floor: int = 1 << 20


DEFAULT_LIMITS = Limits()


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- writing


def write_zip(path: Path, manifest: Mapping[str, Any], parts: Mapping[str, bytes]) -> str:
    """Write the package atomically (temp file, fsync, rename); returns the manifest's SHA-256.

    `manifest` gets a "parts" entry listing every part's size and SHA-256.
    """
    for name in parts:
        if not PART_NAME.fullmatch(name):
            raise ValueError(f"not a package part name: {name!r}")
    listed = {name: {"size": len(data), "sha256": sha256_hex(data)} for name, data in parts.items()}
    text = json.dumps({**manifest, "parts": listed}, ensure_ascii=False, indent=1, sort_keys=True)
    manifest_bytes = text.encode("utf-8")
    temp = path.with_name(f".{path.name}.part")
    try:
        with temp.open("wb") as handle:
            _write_members(handle, manifest_bytes, parts)
            handle.flush()
            os.fsync(handle.fileno())
        temp.replace(path)
    finally:
        temp.unlink(missing_ok=True)
    return sha256_hex(manifest_bytes)


def _write_members(handle: BinaryIO, manifest: bytes, parts: Mapping[str, bytes]) -> None:
    with zipfile.ZipFile(handle, "w") as archive:
        archive.writestr(_info(MANIFEST, zipfile.ZIP_DEFLATED), manifest)
        for name in sorted(parts):
            stored = name.startswith("attachments/")  # photos and PDFs are compressed already
            method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(_info(name, method), parts[name])


def _info(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    return info


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class PartInfo:
    name: str
    size: int
    sha256: str


class PackageZip:
    """An open, verified package: the manifest, and its parts read on demand (each one
    checked against the manifest again when read, so a file changed meanwhile is caught)."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path, self.limits = path, limits
        self._archive = _open_archive(path, limits)
        try:
            self._infos = _checked_infos(self._archive, path, limits)
            raw = self._read_member(MANIFEST, limits.manifest_bytes)
            self.manifest_sha256 = sha256_hex(raw)
            self.manifest = _parse_manifest(raw, path)
            self.parts = _parts_of(self.manifest, path)
            self._check_listing()
            for part in self.parts.values():
                self._verify(part)
        except BaseException:
            self._archive.close()
            raise

    def close(self) -> None:
        self._archive.close()

    def __enter__(self) -> PackageZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def read(self, name: str) -> bytes:
        """A part's bytes, checked against its size and SHA-256 in the manifest."""
        part = self.parts.get(name)
        if part is None:
            raise PackageError(self.path, f"the package has no part {name}")
        data = self._read_member(name, part.size)
        if len(data) != part.size or sha256_hex(data) != part.sha256:
            raise self._tampered(name)
        return data

    def has(self, name: str) -> bool:
        return name in self.parts

    def _check_listing(self) -> None:
        members = set(self._infos) - {MANIFEST}
        if missing := sorted(set(self.parts) - members):
            raise PackageError(self.path, f"the package is incomplete: {missing[0]} is missing")
        if extra := sorted(members - set(self.parts)):
            raise PackageError(
                self.path, f"the package holds {extra[0]}, which its manifest does not list"
            )
        for name, part in self.parts.items():
            limit = self._limit_for(name)
            if part.size > limit or self._infos[name].file_size != part.size:
                raise self._tampered(name)

    def _limit_for(self, name: str) -> int:
        return (
            self.limits.attachment_bytes
            if name.startswith("attachments/")
            else (self.limits.part_bytes)
        )

    def _verify(self, part: PartInfo) -> None:
        digest = hashlib.sha256()
        size = 0
        for chunk in self._chunks(part.name, part.size):
            digest.update(chunk)
            size += len(chunk)
        if size != part.size or digest.hexdigest() != part.sha256:
            raise self._tampered(part.name)

    def _read_member(self, name: str, limit: int) -> bytes:
        return b"".join(self._chunks(name, limit))

    def _chunks(self, name: str, limit: int) -> Iterator[bytes]:
        info = self._infos[name]
        if info.file_size > limit:
            raise PackageError(self.path, f"{name} is larger than allowed ({limit:,} bytes)")
        read = 0
        with _damage(self.path), self._archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                read += len(chunk)
                if read > limit:  # never reached: zipfile stops at the declared size
                    raise PackageError(self.path, f"{name} is larger than it says")
                yield chunk

    def _tampered(self, name: str) -> PackageError:
        return PackageError(
            self.path,
            f"{name} does not match the SHA-256 in the manifest: the package was changed "
            "or damaged after it was made; ask for a new one",
        )


@contextlib.contextmanager
def _damage(path: Path) -> Iterator[None]:
    try:
        yield
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        if isinstance(exc, PackageError):
            raise
        raise PackageError(path, f"the package is damaged or truncated ({exc})") from exc
    except Exception as exc:  # zlib.error and other decoder failures
        raise PackageError(path, f"the package is damaged ({type(exc).__name__}: {exc})") from exc


def _open_archive(path: Path, limits: Limits) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageError(path, f"cannot read the package ({exc.strerror})") from exc
    if size > limits.file_bytes:
        raise PackageError(path, f"the file is larger than a package may be ({size:,} bytes)")
    if size == 0:
        raise PackageError(path, "the file is empty")
    with path.open("rb") as handle:
        head = handle.read(4)
    if head != b"PK\x03\x04":
        raise PackageError(path, "not a field package (not a ZIP file)")
    with _damage(path):
        return zipfile.ZipFile(path)


def _checked_infos(
    archive: zipfile.ZipFile, path: Path, limits: Limits
) -> dict[str, zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.members:
        raise PackageError(path, f"the package has too many members ({len(infos):,})")
    found: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name != MANIFEST and not PART_NAME.fullmatch(name):
            raise PackageError(path, f"the package holds an unexpected member {name!r}")
        if name in found:
            raise PackageError(path, f"the package holds {name} twice")
        if info.flag_bits & 0x1:
            raise PackageError(path, f"{name} is encrypted")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(path, f"{name} uses an unsupported compression method")
        if (
            info.file_size > info.compress_size * limits.ratio
            and info.file_size > limits.ratio_floor
        ):
            raise PackageError(path, f"{name} inflates suspiciously (a 'zip bomb'?); refused")
        total += info.file_size
        found[name] = info
    if total > limits.total_bytes:
        raise PackageError(path, f"the package unpacks to more than allowed ({total:,} bytes)")
    if MANIFEST not in found:
        raise PackageError(path, "not a field package: it has no manifest.json")
    return found


def _parse_manifest(raw: bytes, path: Path) -> dict[str, Any]:
    try:
        value = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackageError(path, f"the manifest is not valid JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise PackageError(path, "the manifest is not a JSON object")
    return value


def _parts_of(manifest: Mapping[str, Any], path: Path) -> dict[str, PartInfo]:
    listed = manifest.get("parts")
    if not isinstance(listed, dict):
        raise PackageError(path, "the manifest does not list the package's parts")
    parts = {}
    for name, entry in listed.items():
        if not isinstance(name, str) or not PART_NAME.fullmatch(name):
            raise PackageError(path, f"the manifest lists an unexpected part {name!r}")
        size, sha = (entry.get("size"), entry.get("sha256")) if isinstance(entry, dict) else (0, 0)
        if not isinstance(size, int) or size < 0 or not isinstance(sha, str) or len(sha) != 64:
            raise PackageError(path, f"the manifest's entry for {name} is damaged")
        parts[name] = PartInfo(name, size, sha)
    return parts
