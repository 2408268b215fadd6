"""Field packages: what an export holds, "since the last export", and a reader that refuses
tampered, truncated and hostile ZIP files with a clear message (changing nothing)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from models.framework_version import framework_version
from models.package_zip import Limits, PackageError, write_zip
from models.packages import open_package
from tests.fixtures.fieldwork import COORDINATOR, FIELD_A, Site, copy_site, digest, make_master


@pytest.fixture
def master(tmp_path: Path) -> Iterator[Site]:
    site = make_master(tmp_path / "master.smartcity")
    yield site
    site.close()


@pytest.fixture
def laptop(master: Site, tmp_path: Path) -> Iterator[Site]:
    site = copy_site(master, tmp_path / "laptop.smartcity")
    yield site
    site.close()


def export(
    site: Site, out: Path, *, city_ids: Sequence[int] = (), since_last: bool = False
) -> Path:
    site.ws.export_package(site.campaign_id, out, FIELD_A, city_ids=city_ids, since_last=since_last)
    return out


def test_an_export_holds_observations_history_attachments_and_a_manifest(
    laptop: Site, tmp_path: Path
) -> None:
    uuid = laptop.add("SH", "T1", 12.5, FIELD_A, note="宽带 测速")
    laptop.ws.update_observation(uuid, "value", 13.0, FIELD_A, "re-measured")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    sha = laptop.ws.attach_file(uuid, photo, FIELD_A)
    laptop.add("SZ", "S1", 1, FIELD_A)
    out = export(laptop, tmp_path / "a.smartpkg", city_ids=[laptop.cities["SH"]])
    with open_package(out) as package:
        m = package.manifest
        assert (m.evaluator, m.device, m.team, m.mode, m.cities) == (
            FIELD_A.evaluator, FIELD_A.device, FIELD_A.team, "all", ("SH",)
        )  # fmt: skip
        assert m.workspace_id == laptop.ws.workspace_id
        campaign = laptop.ws.campaign(laptop.campaign_id)
        assert m.framework_version == framework_version(laptop.ws.framework(campaign.framework_id))
        (obs,) = package.observations
        assert (obs["uuid"], obs["city"], obs["indicator"], obs["value"]) == (
            uuid,
            "SH",
            "T1",
            13.0,
        )
        assert [r["action"] for r in package.audit] == ["create", "update"]
        (attachment,) = package.attachments
        assert attachment.sha256 == sha
        assert package.attachment_bytes(sha) == b"\xff\xd8 a photo"
        assert any(t.team == "A组" for t in package.teams)
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert set(manifest["parts"]) == {
            "framework.json", "observations.jsonl", "audit.jsonl", "attachments.jsonl",
            "teams.json", f"attachments/{sha}",
        }  # fmt: skip


def test_since_the_last_export_takes_only_what_changed_per_city(
    laptop: Site, tmp_path: Path
) -> None:
    first = laptop.add("SH", "T1", 1, FIELD_A)
    laptop.add("SZ", "T1", 2, FIELD_A)
    export(laptop, tmp_path / "1.smartpkg", city_ids=[laptop.cities["SH"]], since_last=True)
    laptop.ws.update_observation(first, "note", "checked", FIELD_A)
    new = laptop.add("SH", "S1", 0, FIELD_A)
    out = export(laptop, tmp_path / "2.smartpkg", since_last=True)
    with open_package(out) as package:
        taken = {o["uuid"]: o["city"] for o in package.observations}
        assert set(taken) == {first, new} | {u for u, c in taken.items() if c == "SZ"}
        assert sorted(taken.values()) == ["SH", "SH", "SZ"]  # SZ was never exported
        assert package.manifest.mode == "since" and package.manifest.since is not None
    out = export(laptop, tmp_path / "3.smartpkg", since_last=True)
    with open_package(out) as package:
        assert package.observations == []
    trail = laptop.ws.audit_trail("package")
    assert [e.field for e in trail] == ["export"] * 3


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a package member by member, replacing (or dropping, None) some members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change.get(info.filename, old.read(info))
            if data is not None:
                new.writestr(info.filename, data)
    return target


@pytest.fixture
def package(laptop: Site, tmp_path: Path) -> Path:
    uuid = laptop.add("SH", "T1", 12.5, FIELD_A)
    photo = tmp_path / "p.png"
    photo.write_bytes(b"png bytes" * 100)
    laptop.ws.attach_file(uuid, photo, FIELD_A)
    laptop.add("CD", "T2", 50, FIELD_A)
    return export(laptop, tmp_path / "good.smartpkg")


def refused(master: Site, path: Path, words: str) -> None:
    before = digest(master.ws.path)
    with pytest.raises(PackageError, match=words) as caught:
        master.ws.merge_packages([path], COORDINATOR)
    assert str(path.name) in str(caught.value)
    assert digest(master.ws.path) == before


def test_a_tampered_part_is_refused_and_changes_nothing(
    master: Site, package: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(package) as archive:
        text = archive.read("observations.jsonl").decode()
    forged = text.replace("12.5", "99.5").encode()
    bad = _rewrite(package, tmp_path / "forged.smartpkg", {"observations.jsonl": forged})
    refused(master, bad, "does not match the SHA-256")


def test_a_tampered_manifest_or_an_extra_or_missing_member_is_refused(
    master: Site, package: Path, tmp_path: Path
) -> None:
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["framework_version"] = "0" * 64
    bad = _rewrite(
        package, tmp_path / "m.smartpkg", {"manifest.json": json.dumps(manifest).encode()}
    )
    refused(master, bad, "framework version does not match")
    bad = _rewrite(package, tmp_path / "x.smartpkg", {"teams.json": None})
    refused(master, bad, "teams.json is missing")
    extra = tmp_path / "e.smartpkg"
    _rewrite(package, extra, {})
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("attachments/" + "a" * 64, b"smuggled")
    refused(master, extra, "does not list")


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_package_is_refused(
    master: Site, package: Path, tmp_path: Path, keep: float
) -> None:
    data = package.read_bytes()
    cut = tmp_path / "cut.smartpkg"
    cut.write_bytes(data[: int(len(data) * keep)])
    refused(master, cut, "damaged|truncated|not a field package")


def test_files_that_are_not_packages_are_refused(master: Site, tmp_path: Path) -> None:
    for name, data in [("empty", b""), ("text", b"hello"), ("workspace", b"SQLite format 3\0")]:
        path = tmp_path / f"{name}.smartpkg"
        path.write_bytes(data)
        refused(master, path, "empty|not a field package")


def _zip(path: Path, members: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=method) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "name", ["../evil.txt", "/etc/passwd", "attachments/../../x", "a\\b", "attachments/ab"]
)
def test_path_traversal_and_unexpected_names_are_refused(
    master: Site, tmp_path: Path, name: str
) -> None:
    path = _zip(tmp_path / "t.smartpkg", [("manifest.json", b"{}"), (name, b"x")])
    refused(master, path, "unexpected member")


def test_a_member_twice_is_refused(master: Site, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.json", b"{}")
        with pytest.warns(UserWarning):
            archive.writestr("manifest.json", b"{}")
    path = tmp_path / "twice.smartpkg"
    path.write_bytes(buffer.getvalue())
    refused(master, path, "twice")


def test_zip_bombs_and_oversized_packages_are_refused(master: Site, tmp_path: Path) -> None:
    bomb = _zip(
        tmp_path / "bomb.smartpkg", [("manifest.json", b"{}"), ("audit.jsonl", bytes(50 << 20))]
    )
    assert bomb.stat().st_size < 200_000
    refused(master, bomb, "zip bomb")
    small = Limits(file_bytes=1000)
    with pytest.raises(PackageError, match="larger than a package may be"):
        open_package(bomb, small)
    many = _zip(
        tmp_path / "many.smartpkg",
        [("manifest.json", b"{}"), *((f"attachments/{i:064x}", b"") for i in range(50))],
    )
    with pytest.raises(PackageError, match="too many members"):
        open_package(many, Limits(members=20))
    big = _zip(tmp_path / "big.smartpkg", [("manifest.json", b"{}"), ("audit.jsonl", b"x" * 5000)])
    with pytest.raises(PackageError, match="more than allowed"):
        open_package(big, Limits(total_bytes=4000))


def test_an_encrypted_looking_member_is_refused(master: Site, tmp_path: Path) -> None:
    path = _zip(tmp_path / "enc.smartpkg", [("manifest.json", b"{}")])
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the central directory's "encrypted" flag
    path.write_bytes(bytes(data))
    refused(master, path, "encrypted")


def test_bad_lines_are_named(master: Site, package: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(package) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        parts = {n: archive.read(n) for n in manifest.pop("parts")}
    lines = parts["observations.jsonl"].decode().splitlines()
    row = json.loads(lines[1])
    row["value"] = "lots"
    parts["observations.jsonl"] = ("\n".join([lines[0], json.dumps(row)]) + "\n").encode()
    bad = tmp_path / "bad.smartpkg"
    write_zip(bad, manifest, parts)  # consistent hashes: the content itself is wrong
    refused(master, bad, "observations.jsonl line 2: the value must be a number")
    row["value"] = 40.0  # a number, but not one of the rating levels in the master
    parts["observations.jsonl"] = ("\n".join([lines[0], json.dumps(row)]) + "\n").encode()
    write_zip(bad, manifest, parts)
    refused(master, bad, "observation 2 of 2: 40 is not one of the rating levels")
