"""The mechanics shared by the project's sequence labellers (the measure span reader, the
document reader): a linear-chain CRF over sequences of feature strings, trained and applied with
CRFsuite, stored in CRFsuite's own model file (no pickle)."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Sequence


class CrfModel:
    """scikit-learn-style: `__init__` stores the regularisation, `fit` trains into a file, `tag`
    labels one sequence. The CRFsuite tagger opens lazily, once per process."""

    def __init__(self, c1: float = 0.05, c2: float = 0.05, max_iterations: int = 200):
        self.c1, self.c2, self.max_iterations = c1, c2, max_iterations
        # one CRFsuite tagger holds one sequence at a time: threads tagging with this model take turns
        self._lock = threading.Lock()

    def fit_sequences(self, sequences: Sequence[Sequence[Sequence[str]]], labels: Sequence[Sequence[str]],
                      model_path: Path) -> "CrfModel":
        import pycrfsuite

        trainer = pycrfsuite.Trainer(verbose=False)
        for x, y in zip(sequences, labels):
            trainer.append(x, y)
        trainer.set_params({"c1": self.c1, "c2": self.c2, "max_iterations": self.max_iterations,
                            "feature.possible_transitions": True})
        trainer.train(str(model_path))
        return self.use(model_path)

    @classmethod
    def from_folder(cls, folder: Path):
        """The model of a model directory: `model.crfsuite` with the regularisation in `meta.json`."""
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        model = cls()
        model.c1, model.c2 = meta.get("c1", model.c1), meta.get("c2", model.c2)
        return model.use(folder / "model.crfsuite")

    def use(self, model_path: Path) -> "CrfModel":
        """Tag with the model stored at `model_path`."""
        self.model_path_ = Path(model_path)
        self._tagger = None
        return self

    @property
    def tagger(self):
        if getattr(self, "_tagger", None) is None:
            import pycrfsuite

            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(self.model_path_))
        return self._tagger

    def tag(self, sequence: Sequence[Sequence[str]]) -> list[str]:
        if not sequence:
            return []
        with self._lock:
            return self.tagger.tag(sequence)

    def tag_marginals(self, sequence: Sequence[Sequence[str]]) -> tuple[list[str], list[float]]:
        """The tags and, for each, its marginal probability."""
        if not sequence:
            return [], []
        with self._lock:
            tags = self.tagger.tag(sequence)
            return tags, [self.tagger.marginal(t, k) for k, t in enumerate(tags)]
