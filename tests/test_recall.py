"""What `retrieve_memory` gives back: short-term pages scored like the others and returned only when they
match, a named period's pages first, past values only for questions about the past, answers within their
budget, compact tool schemas, and topics that form on a months-long personal chat."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pytest
from mcp.client import Client

from memoryos_mcp.search.answer_budget import budget
from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost
from tests.support import open_memory
from tests.test_knowledge import chat_memory
from tests.test_segments import segment_sizes

pytestmark = pytest.mark.usefixtures("backend")

CASES = Path(__file__).resolve().parents[1] / "benchmarks" / "usermodel_cases"


def test_a_short_term_page_that_answers_is_marked_relevant_with_its_score(tmp_path, local_embedder) -> None:
    memory = open_memory(tmp_path, embedder=local_embedder)
    memory.add_memory("My cat is called Miso", "What a lovely name!")
    [alone] = memory.retrieve("What is my cat called?").short_term_memory
    assert alone.relevant and alone.score > 0  # the README's example scored 0.0 as the only page
    memory.add_memory("Can you recommend a sci-fi book?", "Try The Left Hand of Darkness.")
    memory.add_memory("What should I cook tonight?", "A mushroom risotto.")
    found = memory.retrieve("What is my cat called?").short_term_memory
    assert [(p.user_input, p.relevant) for p in found] == [("My cat is called Miso", True)] and found[0].score > 0


def test_a_time_question_ranks_the_periods_pages_first_short_term_ones_included(tmp_path, local_embedder) -> None:
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=3)
    october = [(f"This weekend I want to repaint the fence, part {n}.", "Good luck with the fence!") for n in range(8)]
    for day, (user, assistant) in enumerate(october, start=1):
        memory.add_memory(user, assistant, timestamp=f"2026-10-{day:02d} 18:00:00")
    memory.add_memory("Went hiking up Kinder Scout with Sam.", "Lovely views up there!", "2026-11-14 17:00:00")
    memory.add_memory("Baked sourdough and read all afternoon.", "Sounds restful.", "2026-11-15 16:00:00")
    memory.add_memory("Back at work, the printer is jammed again.", "Classic Monday.", "2026-11-16 09:00:00")
    answer = memory.retrieve("What did I do last weekend?", max_results=3, reference_time="2026-11-18 10:00:00")
    relevant = [p.user_input for p in answer.short_term_memory if p.relevant]
    assert relevant == ["Went hiking up Kinder Scout with Sam.", "Baked sourdough and read all afternoon."]
    weekend = min(p.score for p in answer.short_term_memory)
    assert all(weekend > p.score for p in answer.retrieved_pages)  # October's "this weekend" pages come after
    assert answer.time_range is not None and answer.time_range.start == "2026-11-14 00:00:00"


def test_a_replaced_value_comes_back_only_when_the_question_asks_about_the_past(tmp_path, local_embedder) -> None:
    memory = chat_memory(tmp_path, local_embedder)
    old = [f for f in memory.knowledge("user", include_history=True) if "Berlin" in f.knowledge]
    assert old and all(f.status == "superseded" for f in old)
    now = memory.retrieve("Where do I live now?").retrieved_user_knowledge
    assert now and "Porto" in now[0].knowledge and not any("Berlin" in f.knowledge for f in now)
    before = memory.retrieve("Where did I use to live?").retrieved_user_knowledge
    berlin = [f for f in before if "Berlin" in f.knowledge]
    assert berlin and berlin[0].status == "superseded"
    assert berlin[0].valid_from == "2024-05-05 09:00:00" and berlin[0].valid_until == "2024-05-11 09:00:00"
    porto = next(f for f in before if "Porto" in f.knowledge)
    assert porto.status == "current" and "status" not in porto.model_dump()  # current facts stay compact


def test_an_answer_stays_within_its_budget(tmp_path, local_embedder) -> None:
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=10)
    story = " ".join(["We walked along the canal and talked about the old mill and its history."] * 12)
    for day in range(1, 17):  # ten pages in short-term memory alone would be 19,000 characters
        memory.add_memory(f"Day {day} of the canal walk. {story}", f"What a walk, day {day}! {story}",
                          timestamp=f"2026-03-{day:02d} 20:00:00")
    answer = memory.retrieve("Tell me about the canal walk")
    assert len(answer.model_dump_json()) <= budget(10) == 12_000
    assert answer.retrieved_pages and answer.total_pages_found == len(answer.retrieved_pages)
    unrelated = memory.retrieve("What is my blood type?")
    assert unrelated.short_term_memory == [] and unrelated.short_term_count == 0


def test_tool_output_schemas_carry_no_repeated_titles(tmp_path) -> None:
    async def scenario() -> str:
        memory = open_memory(tmp_path)
        server = build_server(EngineHost(memory.config, "in-memory", factory=lambda _config: memory))
        async with Client(server, mode="legacy") as client:
            tools = (await client.list_tools()).tools
            return json.dumps([tool.model_dump(mode="json", by_alias=True, exclude_none=True) for tool in tools])

    listed = json.loads(anyio.run(scenario))
    retrieve = next(tool for tool in listed if tool["name"] == "retrieve_memory")["outputSchema"]
    assert "title" not in json.dumps(retrieve["properties"]) and "title" not in retrieve
    assert retrieve["$defs"]["KnowledgeItem"]["properties"]["id"]["type"] == ["integer", "null"]
    assert sum(len(json.dumps(tool.get("outputSchema", {}))) for tool in listed) < 13_000  # 14.7K before


def test_topics_form_on_a_months_long_personal_chat(tmp_path, local_embedder) -> None:
    case = json.loads((CASES / "tune_galway.json").read_text(encoding="utf-8"))
    memory = open_memory(tmp_path, embedder=local_embedder)
    memory.add_memories([{key: e[key] for key in ("user_input", "agent_response", "timestamp")}
                         for e in case["exchanges"]])
    memory.flush()
    sizes = segment_sizes(memory)
    assert sum(1 for n in sizes if n == 1) <= len(sizes) / 3, sorted(sizes)
    assert max(sizes) <= 24


def _remember(tmp_path, embedder, chat: list[tuple[str, ...]]):
    """A memory that learnt `chat`, one exchange a day from 1 May 2026 (or each at the time it carries)."""
    memory = open_memory(tmp_path, embedder=embedder, short_term_capacity=2)
    for day, (user, assistant, *when) in enumerate(chat, start=1):
        memory.add_memory(user, assistant, timestamp=when[0] if when else f"2026-05-{day:02d} 09:00:00")
    memory.flush()
    return memory


def test_a_question_never_answered_gets_no_fact_that_only_shares_a_name(tmp_path, local_embedder) -> None:
    memory = _remember(tmp_path, local_embedder, [
            ("My kids are Theo and Esme; Theo's nine and mad about football.", "Nine is a great age!"),
            ("Tiago says my new shoes cost more than his birthday present, cheeky.", "Ha, were they worth it?"),
            ("Our landlord Mr Byrne finally fixed the boiler.", "About time!"),
            ("My sister Ana got married in Seville on 30 May.", "Congratulations to her!")])
    for never_said in ("What's Theo's teacher called?", "When is Tiago's birthday?", "What's my dad's phone number?"):
        answer = memory.retrieve(never_said, reference_time="2026-06-01 09:00:00")
        assert answer.retrieved_user_knowledge == answer.retrieved_assistant_knowledge == [], never_said
    for question, said in (("How old is Theo?", "nine"), ("What's my landlord called?", "Byrne"),
                           ("When was my sister's wedding?", "30 May")):
        facts = memory.retrieve(question, reference_time="2026-06-01 09:00:00").retrieved_user_knowledge
        assert facts and said in facts[0].knowledge, (question, facts)


def test_a_word_that_only_says_how_a_question_is_asked_finds_no_fact(tmp_path, local_embedder) -> None:
    """"whats", "names", "number" and a bare "half" say how something is asked or share a word by chance: a
    question never answered gets nothing from them, one answered keeps its fact."""
    memory = _remember(tmp_path, local_embedder, [
            ("My sister is Priya and my mum is Rosa.", "Lovely names."),
            ("I paid half of the gig tickets for Mira and Joss, they'd better pay me back.", "Fingers crossed!"),
            ("The library says my card number has expired, so I renewed it on Saturday.", "Good thinking."),
            ("My gym locker is number 42, easy to remember.", "Handy!")])
    for never_said in ("whats the name of Mira's boyfriend", "what are my cousins names",
                       "What's my brother's phone number?"):
        answer = memory.retrieve(never_said, reference_time="2026-06-01 09:00:00")
        assert answer.retrieved_user_knowledge == answer.retrieved_assistant_knowledge == [], never_said
    for question, said in (("What's my gym locker number?", "42"), ("whats my sister called", "Priya")):
        facts = memory.retrieve(question, reference_time="2026-06-01 09:00:00").retrieved_user_knowledge
        assert facts and said in facts[0].knowledge, (question, facts)


def test_the_page_a_current_value_was_read_from_ranks_first_for_a_now_question(tmp_path, local_embedder) -> None:
    memory = _remember(tmp_path, local_embedder, [
            ("I live in Berlin, in a flat in Kreuzberg.", "Kreuzberg is lively!"),
            ("Where would you live if you could live anywhere?", "Somewhere by the sea, probably."),
            ("Live music at the pub tonight, I'd live there if I could.", "Sounds like a fun night."),
            ("Do people who live in the city live longer?", "Studies are mixed on that."),
            ("Big news: I moved to Porto last week!", "Congratulations on the move to Porto!"),
            ("The weather is nice today.", "Enjoy the sunshine."),
            ("Any podcast recommendations?", "Try a history podcast.")])
    answer = memory.retrieve("Where do I live now?", max_results=2, reference_time="2026-06-01 09:00:00")
    assert "Porto" in answer.retrieved_user_knowledge[0].knowledge
    assert "Porto" in answer.retrieved_pages[0].user_input, [p.user_input for p in answer.retrieved_pages]


def test_of_two_facts_answering_a_now_question_the_later_leads(tmp_path, local_embedder) -> None:
    chat = [("German class was brutal tonight: I'm doing an online A1 German course with the Goethe-Institut.",
             "The dative case gets everyone."),
            ("The weather is nice today.", "Enjoy the sunshine."),
            ("Passed my A1 exam! I've signed up for an A2 course at the Volkshochschule.", "Well done!"),
            ("Any podcast recommendations?", "Try a history podcast.")]
    memory = _remember(tmp_path, local_embedder, [(*exchange, f"2026-{month:02d}-01 09:00:00")
                                                  for month, exchange in enumerate(chat, start=3)])
    facts = [f.knowledge for f in memory.retrieve("Which German course am I doing now?",
                                                  reference_time="2026-07-01 09:00:00").retrieved_user_knowledge]
    assert "A2" in facts[0], facts  # the user model holds both courses: the later leads
    later = next(i for i, fact in enumerate(facts) if "Volkshochschule" in fact and "passed" in fact)
    assert later < next(i for i, fact in enumerate(facts) if "Goethe" in fact), facts


def test_a_question_about_reminders_still_to_come_leaves_out_the_past_ones(tmp_path, local_embedder) -> None:
    memory = _remember(tmp_path, local_embedder, [
            ("The GHIC cards need renewing before the trip.",
             "I'll remind you on Saturday 2 May to apply for the GHIC cards.", "2026-04-20 09:00:00"),
            ("Esme's class assembly is on the 21st.",
             "I'll remind you on Wednesday 20 May about Esme's class assembly.", "2026-05-01 09:00:00"),
            ("The weather is nice today.", "Enjoy the sunshine.", "2026-05-02 09:00:00"),
            ("Any podcast recommendations?", "Try a history podcast.", "2026-05-03 09:00:00")])
    promised = [f.knowledge for f in memory.knowledge("assistant")]
    assert any("GHIC" in fact for fact in promised) and any("assembly" in fact for fact in promised), promised
    answer = memory.retrieve("Which reminders from you are still coming up?", reference_time="2026-05-10 09:00:00")
    facts = [f.knowledge for f in answer.retrieved_assistant_knowledge]
    assert any("assembly" in fact for fact in facts) and not any("GHIC" in fact for fact in facts), facts
