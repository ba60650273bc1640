"""The screening workspace: a SQLite file in the output folder holding every finished review,
keyed by content hash and committed file by file, so that a run killed at any moment loses
nothing finished and a re-run redoes nothing finished."""

from __future__ import annotations

import json
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
    name TEXT PRIMARY KEY,           -- as given (path, or archive!member)
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    seen REAL NOT NULL
);
"""


@dataclass
class Stored:
    sha256: str
    status: str
    review: Optional[dict]
    error_code: Optional[str]
    error_message: Optional[str]
    body: str
    seconds: float


class Workspace:
    """Open (or create) the workspace in `folder`."""

    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / "workspace.sqlite"
        self.db = sqlite3.connect(self.path, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def add_input(self, name: str, sha256: str, size: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?)", (name, sha256, size, time.time()))
        self.db.commit()

    def done(self) -> set[str]:
        return {row[0] for row in self.db.execute("SELECT sha256 FROM results")}

    def save_ok(self, sha256: str, review: dict, body: str, seconds: float) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, 'ok', ?, NULL, NULL, ?, ?, ?)",
                        (sha256, json.dumps(review, ensure_ascii=False), body, seconds, time.time()))
        self.db.commit()

    def save_failed(self, sha256: str, code: str, message: str, seconds: float) -> None:
        self.db.execute("INSERT OR REPLACE INTO results VALUES (?, 'failed', NULL, ?, ?, '', ?, ?)",
                        (sha256, code, message, seconds, time.time()))
        self.db.commit()

    def update_review(self, sha256: str, review: dict) -> None:
        self.db.execute("UPDATE results SET review = ? WHERE sha256 = ?",
                        (json.dumps(review, ensure_ascii=False), sha256))
        self.db.commit()

    def results(self, hashes: Optional[list[str]] = None) -> Iterator[Stored]:
        query = "SELECT sha256, status, review, error_code, error_message, body, seconds FROM results"
        rows = self.db.execute(query)
        wanted = set(hashes) if hashes is not None else None
        for sha, status, review, code, message, body, seconds in rows:
            if wanted is None or sha in wanted:
                yield Stored(sha, status, json.loads(review) if review else None, code, message, body or "",
                             seconds or 0.0)

    def bodies(self, hashes: list[str]) -> dict[str, str]:
        """Document texts of the given hashes (only what copy detection needs)."""
        wanted = set(hashes)
        return {sha: body for sha, body in self.db.execute(
            "SELECT sha256, body FROM results WHERE status = 'ok'") if sha in wanted}
