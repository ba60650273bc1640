"""Ship the shingles of the five seed notices, so that copy detection ignores their wording on
machines without ../shared (the notices are not part of the repository; their hashes are).

    python scripts/build_seed_shingles.py [--seeds ../shared/seeds]

Writes corpora/lexicons/seed_shingles.npy: the sorted, unique CRC32 hashes of every K-character
shingle of each notice after sifeng.copies.normalise (no text, no way back to it), and prints the
count. tests/test_screen.py checks that the file matches the seeds when they are present.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from sifeng.copies import SEED_SHINGLES, seed_text_hashes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        raise SystemExit(f"没有找到种子通知目录：{args.seeds}")
    hashes = np.array(sorted(seed_text_hashes(args.seeds)), dtype=np.uint32)
    np.save(SEED_SHINGLES, hashes, allow_pickle=False)
    print(f"{SEED_SHINGLES.relative_to(REPO)}: {len(hashes)} shingles of {len(list(args.seeds.glob('*.txt')))} notices")


if __name__ == "__main__":
    main()
