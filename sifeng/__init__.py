"""sifeng: review self-examination materials and rectification plans for the “four styles”.

`docparse` reads files into Documents; `classifiers` turns text into judgements; this package
composes them into the public API and the `sifeng` command.
"""

__version__ = "0.1.0"

from .models import Review  # noqa: E402
from .review import Reviewer, review  # noqa: E402
from .tracking import Tracking, track  # noqa: E402

__all__ = ["review", "Reviewer", "Review", "track", "Tracking", "__version__"]
