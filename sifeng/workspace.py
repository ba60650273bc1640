"""The screening workspace: a SQLite file in the output folder holding every finished review,
keyed by content hash and committed file by file, so that a run killed at any moment loses
nothing finished and a re-run redoes nothing finished.

One run at a time owns an output folder (a lock file beside the workspace); a damaged workspace,
a full disk or a folder that cannot be written become `WorkspaceError`s with a Chinese message
that says the way out, never a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    sha256 TEXT PRIMARY KEY,
    status TEXT NOT NULL,            -- ok | failed
    review TEXT,                     -- the review JSON (ok)
    error_code TEXT,                 -- failed: parse error code, timeout, crash
    error_message TEXT,              -- failed: the Chinese reason
    body TEXT,                       -- the document text, for copy detection
    seconds REAL,
    finished REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    name TEXT PRIMARY KEY,           -- as given (path, or archive!member), this run's inputs only
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    seen REAL NOT NULL
);
"""

# Failures that say nothing about the file itself: a later run (or a longer --timeout) may succeed.
TRANSIENT_ERRORS = {"timeout", "crash", "io_error"}


class WorkspaceError(Exception):
    """The output folder cannot be used; `code` picks the exit status, `message` is Chinese."""

    exit_codes = {"damaged": 4, "unwritable": 5, "locked": 6}

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code, self.message = code, message

    @property
    def exit_code(self) -> int:
        return self.exit_codes[self.code]


def storage_error(exc: BaseException, where: Path) -> WorkspaceError:
    """A Chinese WorkspaceError for an OS or SQLite failure while writing under `where`."""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "disk is full" in text or "no space" in text:
        return WorkspaceError("unwritable", f"磁盘空间已满，无法写入“{where}”。请清理磁盘后重新运行同一命令，"
                                            "已完成的结果不会丢失。")
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM) \
            or "readonly" in text or "read-only" in text or "permission" in text:
        return WorkspaceError("unwritable", f"输出目录“{where}”不可写（只读或没有权限）。请用 --out 指定一个可写的目录。")
    if isinstance(exc, sqlite3.DatabaseError):
        return WorkspaceError("damaged", f"工作区文件“{where}”已损坏（{exc}）。删除该文件后重新运行即可从头开始"
                                         "（已写出的报告不受影响）。")
    return WorkspaceError("unwritable", f"无法写入“{where}”（{exc}）。")


@dataclass
class Stored:
    sha256: str
    status: str
    review: Optional[dict]
    error_code: Optional[str]
    error_message: Optional[str]
    body: str
    seconds: float


class _FolderLock:
    """An exclusive, non-blocking lock on DIR/.sifeng-lock, released when the process ends
    (so a killed run never leaves the folder locked)."""

    def __init__(self, folder: Path):
        self.path = folder / ".sifeng-lock"
        self.handle = open(self.path, "a+b")
        try:
            if os.name == "nt":  # pragma: no cover - exercised on Windows only
                import msvcrt

                msvcrt.locking(self.handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            raise WorkspaceError("locked", f"另一个 sifeng screen 正在使用输出目录“{folder}”。"
                                           "请等它结束，或用 --out 另选目录。") from None

    def release(self) -> None:
        self.handle.close()


class Workspace:
    """Open (or create) the workspace in `folder`, holding the folder's lock while open."""

    def __init__(self, folder: Path):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            self.lock = _FolderLock(folder)
        except OSError as exc:
            raise storage_error(exc, folder) from None
        self.path = folder / "workspace.sqlite"
        self.bad_rows: list[str] = []
        try:
            self.db = sqlite3.connect(self.path, timeout=30)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.db.execute("SELECT sha256, status, review, error_code, error_message, body, seconds, finished "
                            "FROM results LIMIT 1").fetchall()
            self.db.commit()
        except (sqlite3.Error, OSError) as exc:
            self.lock.release()
            raise storage_error(exc, self.path) from None

    def close(self) -> None:
        self.db.close()
        self.lock.release()

    def __enter__(self) -> "Workspace":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _write(self, sql: str, args=()) -> None:
        try:
            self.db.execute(sql, args)
            self.db.commit()
        except (sqlite3.Error, OSError) as exc:
            raise storage_error(exc, self.path) from None

    def set_inputs(self, inputs: list[tuple[str, str, int]]) -> None:
        """Record this run's inputs (name, sha256, size), forgetting names from earlier runs."""
        now = time.time()
        try:
            with self.db:
                self.db.execute("DELETE FROM inputs")
                self.db.executemany("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?)",
                                    [(name, sha, size, now) for name, sha, size in inputs])
        except (sqlite3.Error, OSError) as exc:
            raise storage_error(exc, self.path) from None

    def rename_content(self, name: str, sha256: str) -> None:
        """The file `name` turned out to hold other bytes than when it was listed."""
        self._write("UPDATE inputs SET sha256 = ? WHERE name = ?", (sha256, name))

    def inputs(self) -> list[tuple[str, str]]:
        """(name, sha256) of this run's inputs, by name."""
        return list(self.db.execute("SELECT name, sha256 FROM inputs ORDER BY name"))

    def done(self, retry_failed: bool = False) -> set[str]:
        """Hashes that need no review: finished, or failed for a reason a re-run cannot change
        (all failures count as not done with `retry_failed`)."""
        done = set()
        for sha, status, code in self.db.execute("SELECT sha256, status, error_code FROM results"):
            if status == "ok" or (status == "failed" and not retry_failed and code not in TRANSIENT_ERRORS):
                done.add(sha)
        return done - set(self.bad_rows)

    def failed(self) -> dict[str, str]:
        """sha256 → error code of every failed result."""
        return dict(self.db.execute("SELECT sha256, error_code FROM results WHERE status = 'failed'"))

    def save_ok(self, sha256: str, review: dict, body: str, seconds: float) -> None:
        self._write("INSERT OR REPLACE INTO results VALUES (?, 'ok', ?, NULL, NULL, ?, ?, ?)",
                    (sha256, json.dumps(review, ensure_ascii=False), body, seconds, time.time()))

    def save_failed(self, sha256: str, code: str, message: str, seconds: float) -> None:
        self._write("INSERT OR REPLACE INTO results VALUES (?, 'failed', NULL, ?, ?, '', ?, ?)",
                    (sha256, code, message, seconds, time.time()))

    def results(self, hashes: Optional[list[str]] = None) -> Iterator[Stored]:
        """Stored results; a row that cannot be read is skipped and remembered in `bad_rows`
        (its file counts as not done, so the next run reviews it again)."""
        query = "SELECT sha256, status, review, error_code, error_message, body, seconds FROM results"
        wanted = set(hashes) if hashes is not None else None
        for row in self.db.execute(query):
            sha = row[0]
            if wanted is not None and sha not in wanted:
                continue
            try:
                _, status, review, code, message, body, seconds = row
                if status not in ("ok", "failed"):
                    raise ValueError(status)
                parsed = json.loads(review) if review else None
                if status == "ok" and not isinstance(parsed, dict):
                    raise ValueError("review")
                yield Stored(sha, status, parsed, code, message, body or "", float(seconds or 0.0))
            except (ValueError, TypeError):
                self.bad_rows.append(sha)

    def damaged(self) -> list[str]:
        """Hashes of rows that cannot be read back, found without loading every review (SQLite's
        json_valid; a full read where SQLite lacks it)."""
        try:
            return [row[0] for row in self.db.execute(
                "SELECT sha256 FROM results WHERE status NOT IN ('ok', 'failed') "
                "OR (status = 'ok' AND (review IS NULL OR json_valid(review) = 0))")]
        except sqlite3.OperationalError:
            list(self.results())
            found, self.bad_rows = self.bad_rows, []
            return found

    def forget(self, hashes: list[str]) -> None:
        """Drop results (damaged rows) so that they are reviewed again."""
        if hashes:
            self._write(f"DELETE FROM results WHERE sha256 IN ({','.join('?' * len(hashes))})", hashes)

    def bodies(self, hashes: list[str]) -> dict[str, str]:
        """Document texts of the given hashes (only what copy detection needs)."""
        wanted = set(hashes)
        return {sha: body for sha, body in self.db.execute(
            "SELECT sha256, body FROM results WHERE status = 'ok'") if sha in wanted}
