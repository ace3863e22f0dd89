"""Shared fixtures: the real local embedder (loaded once per session) and a fake OpenAI server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from memoryos_mcp.language.embeddings import LocalEmbedder
from tests.fake_openai import FakeOpenAI


@pytest.fixture(autouse=True)
def no_memoryos_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """A MEMORYOS_* variable in the caller's shell would override every test's config."""
    for name in list(os.environ):
        if name.startswith("MEMORYOS_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def local_embedder() -> LocalEmbedder:
    """The real all-MiniLM-L6-v2 model: offline here, and loading it once keeps the suite fast."""
    return LocalEmbedder()


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    """A fresh OpenAI-compatible server on 127.0.0.1 for one test."""
    with FakeOpenAI() as fake:
        yield fake
