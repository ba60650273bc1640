"""Render a screening report in headless Chromium: a PNG screenshot for people to look at, or the
DOM after the page's scripts ran (with an optional #flag=CODE filter) for tests to assert on.

    python scripts/render_report.py OUT_DIR/report.html --png report.png [--flag hollow_measures]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def chromium() -> Optional[str]:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(args: list[str], timeout: float = 90) -> subprocess.CompletedProcess:
    exe = chromium()
    if exe is None:
        raise FileNotFoundError("没有找到 Chromium（Debian/Ubuntu：sudo apt-get install chromium）")
    with tempfile.TemporaryDirectory(prefix="sifeng-chromium-") as profile:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout)


def url(report: Path, flag: Optional[str] = None) -> str:
    return report.resolve().as_uri() + (f"#flag={flag}" if flag else "")


def screenshot(report: Path, png: Path, flag: Optional[str] = None, size: str = "1300,1600") -> Path:
    _run([f"--screenshot={png.resolve()}", f"--window-size={size}", url(report, flag)])
    if not png.exists():
        raise RuntimeError("Chromium 没有生成截图")
    return png


def dump_dom(report: Path, flag: Optional[str] = None) -> str:
    return _run(["--virtual-time-budget=3000", "--dump-dom", url(report, flag)]).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--png", type=Path, default=Path("report.png"))
    parser.add_argument("--flag", help="open the page filtered to this flag code")
    args = parser.parse_args()
    print(screenshot(args.report, args.png, args.flag))


if __name__ == "__main__":
    main()
