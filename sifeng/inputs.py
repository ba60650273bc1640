"""The submissions named on a `screen` command line: files, folders (recursive), globs and .zip
archives (nested ones too), read safely and keyed by content hash.

Archive members are read into the work area inside the output folder under their hash, never
under their own names, so traversal names (../, absolute paths), symlinks and odd characters
cannot write anywhere else. Expansion is bounded by size, member count, ratio and depth.
"""

from __future__ import annotations

import glob
import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional

SUPPORTED = {".docx", ".docm", ".doc", ".wps", ".rtf", ".pdf", ".ofd", ".txt", ".html", ".htm", ".shtml"}


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_total_bytes: int = 2 * 1024 ** 3
    max_member_bytes: int = 100 * 1024 ** 2
    max_ratio: float = 200.0
    max_depth: int = 2


@dataclass
class Submission:
    """One file to review: where it came from (shown to people), its bytes on disk, its hash."""

    name: str
    path: Path
    sha256: str
    size: int


@dataclass
class Problem:
    """An input that could not be taken in, with the Chinese reason."""

    name: str
    reason: str


@dataclass
class Collected:
    submissions: list[Submission] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _hash_file(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _store(data: bytes, work: Path, suffix: str) -> tuple[Path, str]:
    """Write archive member bytes into the work area under their hash."""
    digest = hashlib.sha256(data).hexdigest()
    safe_suffix = suffix.lower() if suffix.lower() in SUPPORTED | {".zip"} else ".bin"
    target = work / f"{digest}{safe_suffix}"
    if not target.exists():
        work.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".part")
        temporary.write_bytes(data)
        os.replace(temporary, target)
    return target, digest


def files_in(paths: list[Path]) -> Iterator[Path]:
    """Files as given; folders searched recursively for the formats sifeng reads."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
        else:
            yield path


def _expand_paths(inputs: list[str]) -> Iterator[tuple[str, Optional[Path], Optional[str]]]:
    """(display name, path, problem) for each file named directly, in a folder, or by a glob."""
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.suffix.lower() not in SUPPORTED | {".zip"}:
                    continue
                if found.is_symlink():
                    # (a link inside a folder may point anywhere: not followed, but not passed over in silence)
                    yield str(found), None, "是符号链接，文件夹中的链接不跟随读取；请直接指定它指向的文件"
                else:
                    yield str(found), found, None
        elif path.is_file():
            yield str(path), path, None
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield raw, None, "没有与该通配符匹配的文件"
            for match in matches:
                if Path(match).is_file():
                    yield match, Path(match), None
        else:
            yield raw, None, "文件或文件夹不存在"


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe_name(name: str) -> bool:
    normalised = name.replace("\\", "/")
    return normalised.startswith("/") or (len(normalised) > 1 and normalised[1] == ":") or \
        ".." in normalised.split("/")


def _expand_zip(data: bytes, name: str, work: Path, limits: ZipLimits, depth: int,
                budget: list[int], out: Collected) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        out.problems.append(Problem(name, "压缩包已损坏，无法打开"))
        return
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        if len(members) > limits.max_members:
            out.problems.append(Problem(name, f"压缩包内文件过多（{len(members)} 个，上限 {limits.max_members}）"))
            return
        for info in members:
            member_name = f"{name}!{info.filename}"
            suffix = Path(info.filename).suffix.lower()
            if suffix not in SUPPORTED | {".zip"}:
                continue
            if _unsafe_name(info.filename) or _is_symlink(info):
                out.problems.append(Problem(member_name, "压缩包内的文件名不安全（绝对路径、../ 或符号链接），已跳过"))
                continue
            if info.flag_bits & 0x1:
                out.problems.append(Problem(member_name, "压缩包内的文件设有密码，无法读取"))
                continue
            if info.file_size > limits.max_member_bytes or (
                    info.compress_size and info.file_size / info.compress_size > limits.max_ratio
                    and info.file_size > 1024 * 1024):
                out.problems.append(Problem(member_name, "解压后过大或压缩比异常（疑似压缩炸弹），已跳过"))
                continue
            if budget[0] + info.file_size > limits.max_total_bytes:
                out.problems.append(Problem(member_name, "压缩包解压总量超过上限，其余文件未读取"))
                return
            budget[0] += info.file_size
            try:
                with archive.open(info) as handle:
                    content = handle.read(limits.max_member_bytes + 1)
            except (zipfile.BadZipFile, RuntimeError, OSError, EOFError, NotImplementedError) as exc:
                out.problems.append(Problem(member_name, f"压缩包内的文件无法解压（{exc.__class__.__name__}）"))
                continue
            if suffix == ".zip":
                if depth >= limits.max_depth:
                    out.problems.append(Problem(member_name, f"压缩包嵌套超过 {limits.max_depth} 层，已跳过"))
                else:
                    _expand_zip(content, member_name, work, limits, depth + 1, budget, out)
                continue
            path, digest = _store(content, work, suffix)
            out.submissions.append(Submission(member_name, path, digest, len(content)))


def collect(inputs: list[str], work: Path, limits: ZipLimits = ZipLimits()) -> Collected:
    """Every submission named by `inputs`, archives expanded into `work`."""
    out = Collected()
    budget = [0]
    for name, path, problem in _expand_paths(inputs):
        if problem or path is None:
            out.problems.append(Problem(name, problem or "无法读取"))
            continue
        try:
            if path.suffix.lower() == ".zip" or zipfile.is_zipfile(path) and path.suffix.lower() not in SUPPORTED:
                if path.stat().st_size > limits.max_total_bytes:
                    out.problems.append(Problem(name, "压缩包过大"))
                    continue
                _expand_zip(path.read_bytes(), name, work, limits, 1, budget, out)
                continue
            digest, size = _hash_file(path)
        except OSError as exc:
            out.problems.append(Problem(name, f"读取失败（{exc.strerror or exc}）"))
            continue
        out.submissions.append(Submission(name, path, digest, size))
    return out
