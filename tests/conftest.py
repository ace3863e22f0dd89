"""Shared fixtures: the real local embedder (loaded once per session) and a fake OpenAI server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from memoryos_mcp.language.embeddings import LocalEmbedder
from tests.fake_openai import FakeOpenAI


@pytest.fixture(scope="session")
def local_embedder() -> LocalEmbedder:
    """The real all-MiniLM-L6-v2 model: offline here, and loading it once keeps the suite fast."""
    return LocalEmbedder()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh OpenAI-compatible server on 127.0.0.1 for one test."""
    with FakeOpenAI() as fake:
        yield fake
