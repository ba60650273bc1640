"""Where the domain data lives, and loading it once.

The taxonomy, checklists, lexicons and flag texts are YAML in `corpora/`, written for domain
experts to read and edit; code never restates them.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any

import yaml

_REPO = Path(__file__).resolve().parents[1]


def corpora_dir() -> Path:
    """The corpora folder: $SIFENG_CORPORA if set, else the one shipped beside the code."""
    override = os.environ.get("SIFENG_CORPORA")
    return Path(override) if override else _REPO / "corpora"


def models_dir() -> Path:
    """The trained models folder: $SIFENG_MODELS if set, else the one shipped beside the code."""
    override = os.environ.get("SIFENG_MODELS")
    return Path(override) if override else _REPO / "models"


@functools.lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    """A YAML file under corpora/, parsed once per process."""
    path = corpora_dir() / relative
    if not path.exists():
        raise FileNotFoundError(
            f"找不到领域数据 {path}。请从源码目录以 pip install -e . 安装，或设置环境变量 SIFENG_CORPORA "
            "指向 corpora 目录")
    with path.open(encoding="utf-8") as handle:
        # libyaml's loader is ten times faster than the pure-Python one; same safe semantics.
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
