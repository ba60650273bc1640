"""The unlabelled items most worth labelling next: those the model is least sure of, picked so
that they are not N versions of one sentence (each pick discounts the items like it)."""

from __future__ import annotations

from typing import Sequence

from . import Item
from .formats import predict


def _bigrams(text: str) -> set[str]:
    chars = "".join(text.split())
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def uncertainty(task: str, guess: dict, thresholds: Sequence[float] = ()) -> float:
    """1 at the decision boundary, 0 far from it: for four styles the least certain label (and
    the problem gate), for measures the hollowness score."""
    if task == "measures":
        return 1 - abs(guess["score"] - 0.5) * 2
    scores = list(guess["scores"].values())
    cuts = list(thresholds) or [0.5] * len(scores)
    return max(1 - min(1.0, abs(p - t) / max(t, 1 - t)) for p, t in zip(scores, cuts))


def suggest(items: list[Item], task: str, n: int, *, diversity: float = 0.7,
            classifier=None) -> list[tuple[Item, float]]:
    """Greedy: the most uncertain item, then each next one by uncertainty × (1 − diversity ×
    its largest bigram Jaccard with those already chosen). `classifier` overrides the shipped
    four-styles model (a simulation retrains its own)."""
    guesses = predict(items, task, classifier)
    thresholds: Sequence[float] = ()
    if task == "fourstyles":
        from classifiers.fourstyles import default_classifier

        model = getattr(classifier or default_classifier(), "model", None)
        thresholds = list(model.thresholds[:4]) if model is not None else ()
    scored = [(item, uncertainty(task, guess, thresholds), _bigrams(item.text)) for item, guess in zip(items, guesses)]
    # Each remaining item keeps its largest similarity to anything chosen so far, updated
    # against the newest pick only: n × k Jaccards rather than n × k².
    closest = [0.0] * len(scored)
    alive = list(range(len(scored)))
    chosen: list[tuple[Item, float, set]] = []
    while alive and len(chosen) < n:
        best = max(alive, key=lambda k: scored[k][1] * (1 - diversity * closest[k]))
        alive.remove(best)
        chosen.append(scored[best])
        picked = scored[best][2]
        for k in alive:
            grams = scored[k][2]
            union = len(grams | picked)
            if union:
                closest[k] = max(closest[k], len(grams & picked) / union)
    return [(item, score) for item, score, _ in chosen]
