"""Embedders: the real offline model, and the OpenAI-compatible client against a local fake server."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.errors import EmbeddingError
from memoryos_mcp.language.embeddings import (
    LOCAL_CHUNK,
    LOCAL_CHUNK_TOKENS,
    OPENAI_BATCH,
    LocalEmbedder,
    OpenAIEmbedder,
    _chunks,
    for_background,
)
from memoryos_mcp.language.local_models import make_embedder
from tests.fake_openai import FakeOpenAI, hashed_embedding

MIXED = [
    "I adopted a puppy last week",
    "",
    "Caroline went to the LGBTQ support group on 7 May 2023 and felt welcomed by everyone there, "
    "then she talked with Melanie about painting, camping with the kids and her plans to adopt.",
    "hi",
    "   ",
    "the stock market fell",
]


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


# -- local model ----------------------------------------------------------------------------------------


def test_local_shape_dtype_and_unit_norm(local_embedder: LocalEmbedder) -> None:
    vectors = local_embedder.embed_batch(["hello world", "a second, longer sentence about memory"])
    assert local_embedder.name == "local:all-MiniLM-L6-v2"
    assert vectors.shape == (2, local_embedder.dimension) == (2, 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_local_paraphrase_is_closer_than_unrelated(local_embedder: LocalEmbedder) -> None:
    puppy, dog, stocks = local_embedder.embed_batch(
        ["I adopted a puppy last week", "we got a new dog recently", "the stock market fell"]
    )
    assert cos(puppy, dog) > cos(puppy, stocks) + 0.2
    assert cos(puppy, dog) > cos(dog, stocks) + 0.2


def test_local_batch_equals_one_by_one_in_input_order(local_embedder: LocalEmbedder) -> None:
    batch = local_embedder.embed_batch(MIXED)
    single = np.stack([local_embedder.embed_batch([text])[0] for text in MIXED])
    np.testing.assert_allclose(batch, single, atol=1e-5)
    assert cos(batch[0], single[0]) > 0.999  # row 0 is the puppy sentence although sorting moved it


def test_local_runs_stay_within_the_token_budget_and_keep_order(local_embedder: LocalEmbedder) -> None:
    texts = [f"story {n}: " + "we walked along the river " * (6 * n) for n in range(20)]
    lengths = [len(local_embedder._tokenizer.encode(text).ids) for text in texts]
    order = sorted(range(len(texts)), key=lambda j: lengths[j])
    chunks = list(_chunks(order, lengths))
    assert [j for chunk in chunks for j in chunk] == order and len(chunks) > 2
    assert all(len(c) <= LOCAL_CHUNK and len(c) * max(lengths[j] for j in c) <= LOCAL_CHUNK_TOKENS for c in chunks)
    single = np.stack([local_embedder.embed_batch([text])[0] for text in texts])
    np.testing.assert_allclose(local_embedder.embed_batch(texts), single, atol=1e-5)


def test_local_runs_group_similar_lengths_so_little_is_padding() -> None:
    lengths = [10] * 16 + [120] * 16  # short and long facts of one learning pass: 32 texts fit one run
    chunks = list(_chunks(list(range(32)), lengths))
    padded = sum(len(c) * max(lengths[j] for j in c) for c in chunks)
    assert [j for chunk in chunks for j in chunk] == list(range(32))
    assert padded == sum(lengths)  # one run of each length, not one run padding 16 short texts to 120 tokens


def test_local_empty_text_gives_zero_rows(local_embedder: LocalEmbedder) -> None:
    vectors = local_embedder.embed_batch(["", "  \n", "real text"])
    assert not vectors[:2].any()
    assert local_embedder.embed_batch([]).shape == (0, 384)


def test_local_long_text_is_truncated_not_rejected(local_embedder: LocalEmbedder) -> None:
    vector = local_embedder.embed_batch(["memory " * 2000])[0]
    assert abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_local_concurrent_calls_agree_with_serial(local_embedder: LocalEmbedder) -> None:
    texts = [f"message number {i} about topic {i % 7}" for i in range(40)]
    serial = local_embedder.embed_batch(texts)
    with ThreadPoolExecutor(max_workers=4) as pool:
        parts = list(pool.map(lambda i: local_embedder.embed_batch(texts[i : i + 10]), range(0, 40, 10)))
    np.testing.assert_allclose(np.concatenate(parts), serial, atol=1e-5)


def test_the_learner_embeds_on_one_thread_with_the_same_vectors_bit_for_bit(local_embedder: LocalEmbedder) -> None:
    background = for_background(local_embedder)
    assert background is for_background(local_embedder)  # one per embedder: what is cached by embedder stays
    assert background._session.get_session_options().intra_op_num_threads == 1
    texts = [text for text in MIXED if text.strip()] + [f"User goes swimming {n} times a week" for n in range(40)]
    assert np.array_equal(background.embed_batch(texts), local_embedder.embed_batch(texts))


def test_local_missing_tokenizer_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tokenizer.json"
    with pytest.raises(EmbeddingError, match="nope.tokenizer.json"):
        LocalEmbedder(tokenizer_path=missing)


# -- OpenAI-compatible endpoint -------------------------------------------------------------------------


@pytest.fixture
def openai_embedder(fake_openai: FakeOpenAI) -> Iterator[OpenAIEmbedder]:
    config = MemoryConfig(
        embedding_provider="openai",
        openai_base_url=fake_openai.base_url,
        embedding_model_name="fake-embed",
        llm_timeout=2,
        llm_max_retries=2,
    )
    embedder = OpenAIEmbedder(config)
    yield embedder
    embedder.close()


def sent_inputs(fake: FakeOpenAI) -> list[list[str]]:
    return [body["input"] for path, body in fake.requests if path == "/v1/embeddings"]


def test_openai_shape_norm_and_empty_rows_not_sent(
    fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder
) -> None:
    vectors = openai_embedder.embed_batch(MIXED)
    assert openai_embedder.name == "openai:fake-embed"
    assert vectors.shape == (len(MIXED), 64) and vectors.dtype == np.float32
    assert not vectors[[1, 4]].any()
    np.testing.assert_allclose(np.linalg.norm(vectors[[0, 2, 3, 5]], axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(vectors[2], hashed_embedding(MIXED[2], 64), atol=1e-6)
    assert sent_inputs(fake_openai) == [[MIXED[i] for i in (0, 2, 3, 5)]]
    assert fake_openai.requests[0][1]["model"] == "fake-embed"


def test_openai_batches_large_inputs_and_keeps_order(
    fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder
) -> None:
    texts = [f"text number {i}" for i in range(OPENAI_BATCH * 2 + 5)]
    vectors = openai_embedder.embed_batch(texts)
    assert [len(batch) for batch in sent_inputs(fake_openai)] == [OPENAI_BATCH, OPENAI_BATCH, 5]
    expected = np.stack([hashed_embedding(text, 64) for text in texts])
    np.testing.assert_allclose(vectors, expected, atol=1e-6)


def test_openai_dimension_is_probed_once(fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder) -> None:
    assert openai_embedder.dimension == 64
    assert openai_embedder.dimension == 64
    assert len(fake_openai.requests) == 1
    assert openai_embedder.embed_batch(["", " "]).shape == (2, 64)
    assert len(fake_openai.requests) == 1


@pytest.mark.parametrize("kind", ["500", "429", "timeout"])
def test_openai_transient_failure_is_retried(
    fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder, kind: str
) -> None:
    fake_openai.timeout_sleep = 4  # longer than the 2 s client timeout
    fake_openai.fail_next(1, kind)
    vectors = openai_embedder.embed_batch(["retry me"])
    assert vectors.shape == (1, 64)
    assert len(fake_openai.requests) == 2


def test_openai_persistent_failure_raises(fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder) -> None:
    fake_openai.fail_next(10, "500")
    with pytest.raises(EmbeddingError, match="HTTP 500"):
        openai_embedder.embed_batch(["never works"])
    assert len(fake_openai.requests) == 3  # one try + llm_max_retries


@pytest.mark.parametrize("kind", ["garbled", "truncated", "empty"])
def test_openai_unusable_answer_raises(
    fake_openai: FakeOpenAI, openai_embedder: OpenAIEmbedder, kind: str
) -> None:
    fake_openai.fail_next(1, kind)
    with pytest.raises(EmbeddingError, match="fake-embed"):
        openai_embedder.embed_batch(["some text"])


def test_openai_auth_error_hides_the_key(fake_openai: FakeOpenAI) -> None:
    fake_openai.api_key = "the-right-key"
    config = MemoryConfig(
        embedding_provider="openai",
        openai_base_url=fake_openai.base_url,
        openai_api_key="sk-wrong-secret",
        llm_max_retries=0,
    )
    embedder = OpenAIEmbedder(config)
    with pytest.raises(EmbeddingError, match="openai_api_key") as caught:
        embedder.embed_batch(["x"])
    embedder.close()
    assert "sk-wrong-secret" not in str(caught.value)


def test_make_embedder_picks_the_provider(fake_openai: FakeOpenAI, local_embedder: LocalEmbedder) -> None:
    assert isinstance(make_embedder(MemoryConfig()), LocalEmbedder)
    remote = make_embedder(MemoryConfig(embedding_provider="openai", openai_base_url=fake_openai.base_url))
    assert isinstance(remote, OpenAIEmbedder)
    remote.close()
