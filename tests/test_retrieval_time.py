"""Time in retrieval: phrases of the query read as periods, and the after / before / reference_time
arguments of retrieve_memory, through a real server over stdio."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from memoryos_mcp.filters import TimeWindow
from memoryos_mcp.search.time_query import query_window
from tests.support import blocking_client, tool_error
from tests.test_comprehensive import stdio_client_for, write_config

NOW = datetime(2024, 6, 12, 15, 0)  # a Wednesday


@pytest.mark.parametrize(("query", "start", "end"), [
    ("What did we talk about yesterday?", "2024-06-11", "2024-06-12"),
    ("anything from last week?", "2024-06-03", "2024-06-10"),
    ("what happened in March 2024", "2024-03-01", "2024-04-01"),
    ("in March", "2024-03-01", "2024-04-01"),
    ("in September", "2023-09-01", "2023-10-01"),
    ("what did I do 2 years ago", "2022-01-01", "2023-01-01"),
    ("three days ago", "2024-06-09", "2024-06-10"),
    ("What did Maria do on 7 July, 2023?", "2023-07-07", "2023-07-08"),
    ("Who did she meet on May 3, 2023?", "2023-05-03", "2023-05-04"),
    ("the past month", "2024-05-12", "2024-06-13"),
    ("last weekend", "2024-06-08", "2024-06-10"),
    ("last Friday", "2024-06-07", "2024-06-08"),
    ("notes from 2024-02-29", "2024-02-29", "2024-03-01"),
    ("in 2021", "2021-01-01", "2022-01-01"),
    ("What did I do on Saturday morning?", "2024-06-08", "2024-06-09"),
])
def test_time_phrases_name_a_period(query: str, start: str, end: str) -> None:
    assert query_window(query, NOW) == TimeWindow(f"{start} 00:00:00", f"{end} 00:00:00")


@pytest.mark.parametrize("query", ["What may I bring?", "my 2 cats", "order 2024", "last time we spoke",
                                   "What do I do on Saturday mornings now?"])  # a habit, not a day
def test_words_that_are_not_a_time_stay_words(query: str) -> None:
    assert query_window(query, NOW) is None


MONTHLY = [
    ("I repainted the kitchen a pale green.", "2024-01-14 10:00:00"),
    ("We adopted a kitten called Miso.", "2024-02-09 18:00:00"),
    ("I ran the Lisbon half marathon in 1:52.", "2024-03-10 12:00:00"),
    ("My sister visited and we cooked paella.", "2024-03-22 20:00:00"),
    ("I started learning the cello.", "2024-04-05 19:00:00"),
    ("We went camping by the river with the kids.", "2024-05-18 09:00:00"),
    ("Booked the dentist for a check-up.", "2024-06-11 08:30:00"),
    ("Bought new running shoes for the marathon.", "2024-06-12 09:00:00"),
]


@pytest.mark.slow
@pytest.mark.usefixtures("backend")
def test_retrieve_memory_filters_and_reads_time_over_mcp(tmp_path: Path) -> None:
    config = write_config(tmp_path, short_term_capacity=2)
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            blocking_client(stdio_client_for(config, errlog)) as client:
        for text, when in MONTHLY:
            added = client.call("add_memory", {"user_input": text, "agent_response": "Noted.", "timestamp": when})
            assert not added.is_error

        def retrieve(**arguments: object) -> dict:
            result = client.call("retrieve_memory", {"max_results": 5, **arguments})
            assert not result.is_error, result.content
            return result.structured_content

        march = retrieve(query="marathon", after="2024-03-01", before="2024-04-01")
        assert [p["timestamp"][:7] for p in march["retrieved_pages"]] == ["2024-03", "2024-03"]
        assert march["retrieved_pages"][0]["user_input"].startswith("I ran the Lisbon")
        assert march["short_term_memory"] == [] and march["time_range"]["source"] == "arguments"
        assert march["retrieved_pages"][0]["score"] > march["retrieved_pages"][1]["score"]

        since_may = retrieve(query="what did we do", after="2024-05-01T00:00:00Z")
        stamps = [p["timestamp"] for p in since_may["retrieved_pages"] + since_may["short_term_memory"]]
        assert sorted(stamps) == ["2024-05-18 09:00:00", "2024-06-11 08:30:00", "2024-06-12 09:00:00"]

        client.call("get_user_profile", {})  # waits for offline fact learning to settle
        facts = retrieve(query="What instrument am I learning?")["retrieved_user_knowledge"]
        assert any("cello" in f["knowledge"] for f in facts), facts
        earlier = retrieve(query="What instrument am I learning?", before="2024-04-01")["retrieved_user_knowledge"]
        assert not any("cello" in f["knowledge"] for f in earlier) and all(f["timestamp"] < "2024-04" for f in earlier)

        phrase = retrieve(query="What did I do in March 2024?")
        assert {p["timestamp"][:7] for p in phrase["retrieved_pages"][:2]} == {"2024-03"}
        assert phrase["time_range"] == {"start": "2024-03-01 00:00:00", "end": "2024-04-01 00:00:00",
                                        "source": "query"}

        relative = retrieve(query="What did we do last month?", reference_time="2024-06-12T09:30:00")
        assert relative["retrieved_pages"][0]["user_input"].startswith("We went camping")
        yesterday = retrieve(query="what did I book yesterday", reference_time="2024-06-12")
        assert [(p["user_input"], p["relevant"]) for p in yesterday["short_term_memory"]] == [
            ("Booked the dentist for a check-up.", True)]  # the other short-term page is not returned

        for arguments, name in [({"after": "next tuesday"}, "after"), ({"before": "2024-13-01"}, "before"),
                                ({"reference_time": "soon"}, "reference_time"),
                                ({"after": "2024-05-01", "before": "2024-04-01"}, "after")]:
            message = tool_error(client.call("retrieve_memory", {"query": "marathon", **arguments}))
            assert name in message and "ISO" in message or "earlier" in message, message
