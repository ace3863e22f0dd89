"""The usermodel benchmark with the NLP libraries switched off: what spaCy and dateparser add.

    python -m benchmarks.usermodel_rules [same arguments as benchmarks.usermodel]

Sentences are then split by punctuation, no names, places or dates are found, and no date phrase is
resolved: the cue rules alone.
"""

from __future__ import annotations

from typing import Any

from memoryos_mcp.language import nlp
from memoryos_mcp.usermodel import commitments, extract

from . import usermodel


def rules_alone() -> None:
    """Switch the pipeline and dateparser off for this process."""
    nlp.pipeline = lambda: None  # type: ignore[assignment]
    for module in (nlp, commitments, extract):
        module.resolve_date = lambda phrase, base, ahead=False: None  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> dict[str, Any]:
    rules_alone()
    return usermodel.main(argv)


if __name__ == "__main__":
    main()
