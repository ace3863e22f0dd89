"""MCP sampling: the client's own model does the memory's language work, through the real server.

The SDK client's sampling callback answers deterministically (or with garbage, slowly, or not at all);
persona and facts must come from its answers, a refusing or failing client must lose nothing and see no
storm of requests, and a request for one user's data must only reach that user's client.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TextIO

import anyio
import pytest
from mcp.client import Client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp_types import INVALID_REQUEST, CreateMessageRequestParams, CreateMessageResult, ErrorData, TextContent

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.errors import LLMDeferredError
from memoryos_mcp.language.policy import make_llm
from memoryos_mcp.language.sampling import NoSampler, RequestBudget, SamplingFailure, SamplingRequest
from tests.test_comprehensive import SERVER, connect, http_server, server_env, write_config

pytestmark = pytest.mark.slow  # real server processes

CHAT = [
    ("My favourite colour is ultramarine.", "A deep blue, lovely."),
    ("I adopted a cat called Miso last spring.", "Miso is a sweet name."),
    ("I work night shifts as a radiographer.", "Night shifts are demanding."),
    ("We are planning a trip to Hokkaido in February.", "Hokkaido is beautiful in winter."),
    ("My sister Ilse lives in Antwerp.", "Antwerp is a lovely city."),
    ("I am learning to play the cello.", "The cello is a wonderful instrument."),
]
SAMPLED_LINE = "- sampled: a radiographer who loves ultramarine."


def sampled_answer(prompt: str) -> str:
    """What a well-behaved model answers to each of the LLM path's prompts (recognised by their wording)."""
    if "carries on the conversation of the FIRST" in prompt:
        return '{"continues": false}'
    if "Keep a running summary" in prompt:
        return '{"summary": "Sampled summary of the conversation."}'
    if "Find the main topics" in prompt:
        return '{"themes": [{"summary": "Sampled theme of the exchange.", "keywords": ["sampled"]}]}'
    if "List the facts about the USER" in prompt:
        said = re.findall(r"^User: (.+)$", prompt, re.MULTILINE)
        return json.dumps({"facts": [f"User (sampled) said: {line}" for line in said]})
    if "List what the ASSISTANT did" in prompt:
        return '{"facts": []}'
    if "Rewrite the user's profile card" in prompt:  # the rules' card kept (a model may not drop it), one line added
        card = prompt.split("CURRENT CARD:\n", 1)[1].split("\n\nKNOWN FACTS:", 1)[0]
        return json.dumps({"profile": f"{card.strip()}\n{SAMPLED_LINE}"})
    if "as updates to a user model" in prompt:  # a job made of a word of the first exchange: the chat's words
        word = re.findall(r"^User: .*?(\w+)\W*$", prompt, re.MULTILINE)[0].lower()
        update = {"exchange": 1, "subject": "user", "attribute": "job", "value": f"{word} teacher", "change": "set",
                  "when": None, "old": None}
        return json.dumps({"updates": [update]})
    return "An answer."


class ClientModel:
    """The sampling callback of one client: records every request, answers with `behaviour`."""

    def __init__(self, behaviour: str = "answer", delay: float = 0.0) -> None:
        self.behaviour = behaviour
        self.delay = delay
        self.requests: list[CreateMessageRequestParams] = []

    @property
    def prompts(self) -> list[str]:
        return [_text(params) for params in self.requests]

    async def __call__(self, context: Any, params: CreateMessageRequestParams) -> CreateMessageResult | ErrorData:
        self.requests.append(params)
        if self.delay:
            await anyio.sleep(self.delay)
        if self.behaviour == "refuse":
            return ErrorData(code=INVALID_REQUEST, message="User rejected sampling request")
        text = sampled_answer(_text(params)) if self.behaviour == "answer" else "Sure! Here is what I think."
        return CreateMessageResult(role="assistant", content=TextContent(type="text", text=text), model="test-model")


def _text(params: CreateMessageRequestParams) -> str:
    content = params.messages[-1].content
    return content.text if isinstance(content, TextContent) else ""


@asynccontextmanager
async def stdio_session(config: Path, errlog: TextIO, model: ClientModel | None) -> AsyncIterator[Client]:
    params = StdioServerParameters(command=sys.executable, args=[str(SERVER), "--config", str(config)],
                                   env=server_env(), cwd=str(config.parent))
    async with Client(stdio_client(params, errlog=errlog), mode="legacy", sampling_callback=model,
                      read_timeout_seconds=120) as client:
        yield client


async def add_chat(client: Client, chat: list[tuple[str, str]] = CHAT) -> None:
    for number, (said, answer) in enumerate(chat):
        result = await client.call_tool("add_memory", {"user_input": said, "agent_response": answer,
                                                       "timestamp": f"2024-05-{number + 1:02d} 10:00:00"})
        assert not result.is_error, result


@asynccontextmanager
async def told_the_chat(folder: Path, model: ClientModel | None, **overrides: Any) -> AsyncIterator[Client]:
    """A stdio server with `settings(**overrides)` that has been told CHAT, its log in `server.log`."""
    config = write_config(folder, **settings(**overrides))
    with open(folder / "server.log", "w", encoding="utf-8") as errlog:
        async with stdio_session(config, errlog, model) as client:
            await add_chat(client)
            yield client


async def status(client: Client) -> dict[str, Any]:
    result = await client.read_resource("memoryos://status", cache_mode="bypass")
    return json.loads(result.contents[0].text)


async def wait_for(check: Callable[[], Awaitable[bool]], what: str, seconds: float = 90.0) -> None:
    """Poll until `check` holds; a bound on waiting (not a speed check), so a bug fails instead of hanging."""
    with anyio.move_on_after(seconds):
        while not await check():
            await anyio.sleep(0.2)
        return
    raise AssertionError(f"gave up waiting for {what}")


async def knowledge(client: Client) -> list[str]:
    result = await client.call_tool("list_knowledge", {"kind": "user", "limit": 100})
    return [item["knowledge"] for item in result.structured_content["facts"]]


async def profile(client: Client) -> str:
    result = await client.call_tool("get_user_profile", {})
    return result.structured_content["user_profile"]


async def found(client: Client, query: str) -> str:
    data = (await client.call_tool("retrieve_memory", {"query": query})).structured_content
    return " ".join(p["user_input"] for p in data["retrieved_pages"] + data["short_term_memory"])


def settings(**overrides: Any) -> dict[str, Any]:
    """Pages reach mid-term after two exchanges and a segment is promoted at once."""
    return {"llm_provider": "sampling", "short_term_capacity": 2, "mid_term_heat_threshold": 1.0,
            "sampling_max_requests_per_hour": 100_000, **overrides}


# -- over stdio ----------------------------------------------------------------------------------------


def test_persona_and_facts_come_from_the_clients_model_over_stdio(tmp_path: Path) -> None:
    model = ClientModel()

    async def scenario() -> None:
        async with told_the_chat(tmp_path, model, sampling_max_tokens=700) as client:
            await wait_for(lambda: _knows(client, "(sampled)"), "facts from the sampled answers")
            await wait_for(lambda: _drained(client), "an empty backlog")
            await wait_for(lambda: _ends_with(profile(client), SAMPLED_LINE), "the sampled profile")
            report = await status(client)
            assert report["llm_provider"] == "sampling"
            assert report["llm_state"]["state"] == "ready"  # (in_use may blink off while a burst refills)
            assert 0 < report["llm_state"]["answered"] <= len(model.requests)  # one may be on its way
            assert "Miso" in await found(client, "What is my cat called?")

    anyio.run(scenario)
    first = model.requests[0]
    assert max(request.max_tokens for request in model.requests) == 700  # the client's cap bounds every task's
    assert first.system_prompt and first.include_context == "none"
    preferences = first.model_preferences
    assert preferences is not None and preferences.speed_priority and preferences.speed_priority > 0.5
    assert [hint.name for hint in preferences.hints or []][:1] == ["haiku"]
    kinds = {next(key for key in ("user model", "FIRST", "running summary", "main topics", "about the USER",
                                  "ASSISTANT did", "profile card") if key in prompt) for prompt in model.prompts}
    assert kinds == {"FIRST", "running summary", "main topics", "about the USER", "ASSISTANT did", "profile card",
                     "user model"}
    # the model's update (words of the chat, never said as one) reached the card the model is asked to rewrite
    assert any(" teacher" in prompt for prompt in model.prompts if "profile card" in prompt)


async def _ends_with(value: Awaitable[str], expected: str) -> bool:
    return (await value).endswith(expected)


def test_a_refusing_client_loses_nothing_and_is_asked_once(tmp_path: Path) -> None:
    model = ClientModel("refuse")

    async def scenario() -> None:
        async with told_the_chat(tmp_path, model) as client:
            await wait_for(lambda: _has_state(client, "declined"), "the refusal in status")
            await wait_for(lambda: _knows(client, "Miso"), "facts learnt by the offline rules")
            for said, _ in CHAT:
                assert said in await found(client, said)
            await add_chat(client, [("I also play chess on Sundays.", "Chess is a fine pastime.")])
            report = await status(client)
        assert report["enrichment_backlog"] > 0  # waiting for the model, not lost and not quarantined
        assert report["quarantined_pages"] == 0
        assert "declined" in report["llm_state"]["last_problem"] and report["llm_state"]["retry_in_seconds"] > 60
        log = (tmp_path / "server.log").read_text(encoding="utf-8")
        assert log.count("declined the sampling request") == 1, log

    anyio.run(scenario)
    assert len(model.requests) == 1


async def _has_state(client: Client, state: str) -> bool:
    return (await status(client))["llm_state"]["state"] == state


async def _knows(client: Client, word: str) -> bool:
    return any(word in fact for fact in await knowledge(client))


@pytest.mark.parametrize("behaviour", ["garbage", "slow"])
def test_garbage_or_slow_answers_store_nothing_and_lose_nothing(tmp_path: Path, behaviour: str) -> None:
    model = ClientModel(behaviour, delay=5.0 if behaviour == "slow" else 0.0)

    async def scenario() -> dict[str, Any]:
        async with told_the_chat(tmp_path, model, llm_timeout=1.0) as client:
            await wait_for(lambda: _knows(client, "Miso"), "facts learnt by the offline rules")
            await wait_for(lambda: _asked(model), "a sampling request")
            for said, _ in CHAT:
                assert said in await found(client, said)
            assert not any("(sampled)" in fact for fact in await knowledge(client))
            assert "sampled" not in await profile(client)
            if behaviour == "garbage":  # refused at once for the rules' result: no page waits on the model
                await wait_for(lambda: _enriched(client), "the pages enriched by the rules")
            else:  # the model is found slow once its first answer is late (llm_timeout), not as soon as it is asked
                await wait_for(lambda: _slow(client), "the model found slow")
            return await status(client)

    report = anyio.run(scenario)
    assert report["quarantined_pages"] == 0
    if behaviour == "slow":  # a slow model is waited for: its pages stay in the backlog, not lost
        assert report["enrichment_backlog"] == len(CHAT) - 2
        assert report["llm_state"]["state"] == "slow" and len(model.requests) == 1


async def _enriched(client: Client) -> bool:
    return (await status(client))["enrichment_backlog"] == 0


async def _slow(client: Client) -> bool:
    return (await status(client))["llm_state"]["state"] == "slow"


async def _asked(model: ClientModel) -> bool:
    return bool(model.requests)


def test_the_hourly_budget_caps_the_requests(tmp_path: Path) -> None:
    model = ClientModel()

    async def scenario() -> dict[str, Any]:
        async with told_the_chat(tmp_path, model, sampling_max_requests_per_hour=4) as client:
            await wait_for(lambda: _knows(client, "Miso"), "facts learnt by the offline rules")
            await wait_for(lambda: _spent(client), "the budget spent")
            return await status(client)

    report = anyio.run(scenario)
    assert 0 < len(model.requests) <= 4
    assert report["enrichment_backlog"] > 0 and not report["llm_state"]["in_use"]


async def _spent(client: Client) -> bool:
    return not (await status(client))["llm_state"]["budget_left_now"]


def test_auto_uses_sampling_only_when_the_client_offers_it(tmp_path: Path) -> None:
    model = ClientModel()

    async def scenario(offer: bool) -> dict[str, Any]:
        folder = tmp_path / ("offers" if offer else "does-not")
        folder.mkdir()
        async with told_the_chat(folder, model if offer else None, llm_provider="auto") as client:
            await wait_for(lambda: _drained(client), "an empty backlog")
            learnt = "(sampled)" if offer else "Miso"  # else the offline rules, as with no model at all
            await wait_for(lambda: _knows(client, learnt), "facts learnt")
            return await status(client)

    without = anyio.run(scenario, False)
    assert without["llm_state"]["state"] == "no client" and not model.requests
    offered = anyio.run(scenario, True)
    assert offered["llm_state"]["state"] == "ready" and model.requests


async def _drained(client: Client) -> bool:
    return (await status(client))["enrichment_backlog"] == 0


# -- over streamable HTTP: sessions and users ---------------------------------------------------------


def test_http_backlog_waits_for_a_sampling_session_and_only_it_is_asked(tmp_path: Path) -> None:
    """Pages added by a client without sampling wait; a second session of the same user that offers
    sampling enriches them."""
    model = ClientModel()

    async def scenario() -> None:
        config = write_config(tmp_path, **settings())
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
                http_server(config, "streamable-http", errlog) as base:
            async with Client(connect("streamable-http", base), mode="legacy") as plain:
                await add_chat(plain)
                await wait_for(lambda: _knows(plain, "Miso"), "facts learnt by the offline rules")
                assert (await status(plain))["enrichment_backlog"] == len(CHAT) - 2
                assert (await status(plain))["llm_state"]["state"] == "no client"
                async with Client(connect("streamable-http", base), mode="legacy", sampling_callback=model) as able:
                    await able.call_tool("retrieve_memory", {"query": "cat"})
                    await wait_for(lambda: _drained(plain), "the backlog enriched by the sampling session")
                    await wait_for(lambda: _knows(plain, "(sampled)"), "facts from the sampled answers")

    anyio.run(scenario)
    assert any("ultramarine" in prompt for prompt in model.prompts)


def test_http_each_users_requests_reach_only_that_users_client(tmp_path: Path) -> None:
    """Two users' servers on one database file (one server serves one user): each client is asked about its
    own user's exchanges only."""
    alice_model, bob_model = ClientModel(), ClientModel()
    alice_chat = [(said, answer) for said, answer in CHAT[:3]]
    bob_chat = [("Bob here: I keep bees on my roof.", "Bees are fascinating."),
                ("My tandem bicycle is bright orange.", "That must turn heads."),
                ("I brew kombucha every weekend.", "Homemade kombucha is fun.")]

    async def run_user(user: str, chat: list[tuple[str, str]], model: ClientModel) -> None:
        folder = tmp_path / user
        folder.mkdir()
        config = write_config(folder, **settings(user_id=user, data_storage_path=str(tmp_path / "shared")))
        with open(folder / "server.log", "w", encoding="utf-8") as errlog, \
                http_server(config, "streamable-http", errlog) as base:
            async with Client(connect("streamable-http", base), mode="legacy", sampling_callback=model) as client:
                await add_chat(client, chat)
                await wait_for(lambda: _drained(client), f"{user}'s backlog")

    async def scenario() -> None:
        async with anyio.create_task_group() as group:
            group.start_soon(run_user, "alice", alice_chat, alice_model)
            group.start_soon(run_user, "bob", bob_chat, bob_model)

    anyio.run(scenario)
    assert alice_model.requests and bob_model.requests
    for model, own, other in ((alice_model, alice_chat, bob_chat), (bob_model, bob_chat, alice_chat)):
        asked = "\n".join(model.prompts)
        assert any(said in asked for said, _ in own[:1])
        assert not any(said in asked or answer in asked for said, answer in other)


# -- the pieces ----------------------------------------------------------------------------------------


def test_the_budget_refills_at_the_hourly_rate_in_bursts() -> None:
    now = [0.0]
    budget = RequestBudget(per_hour=360, burst=3, clock=lambda: now[0])
    assert [budget.take() for _ in range(4)] == [True, True, True, False]
    assert budget.seconds_to_next() == pytest.approx(10.0)
    now[0] += 10.0
    assert budget.take() and not budget.take()
    now[0] += 3600.0
    assert [budget.take() for _ in range(4)] == [True, True, True, False]  # never more than a burst at once


def test_make_llm_chooses_sampling() -> None:
    assert make_llm(MemoryConfig(llm_provider="sampling")).name == "sampling"
    assert make_llm(MemoryConfig(), NoSampler()).name == "auto:sampling-or-offline"
    assert make_llm(MemoryConfig()).name == "offline"  # no server, no client to ask
    assert make_llm(MemoryConfig(openai_base_url="http://127.0.0.1:9/v1"), NoSampler()).name.startswith("openai:")


def test_with_no_client_the_work_waits_or_the_rules_stand_in() -> None:
    waiting = make_llm(MemoryConfig(llm_provider="sampling"), NoSampler())
    assert waiting.now() is None
    with pytest.raises(LLMDeferredError):
        waiting.chain_meta("", _page())
    standing_in = make_llm(MemoryConfig(), NoSampler())
    assert standing_in.now() is not None and standing_in.now().offline  # type: ignore[union-attr]


class _OneAnswer:
    """A sampler that answers everything with one text, and counts."""

    def __init__(self, text: str) -> None:
        self.text, self.asked = text, 0
        self.lock = threading.Lock()

    def available(self, user_id: str) -> bool:
        return True

    def complete(self, user_id: str, request: SamplingRequest) -> str:
        with self.lock:
            self.asked += 1
        if not self.text:
            raise SamplingFailure("declined", "no")
        return self.text

    def status(self, user_id: str) -> dict[str, Any]:
        return {"state": "ready"}


def test_the_llm_paths_prompts_and_parsing_work_unchanged_through_sampling() -> None:
    llm = make_llm(MemoryConfig(llm_provider="sampling"), _OneAnswer('```json\n{"Facts": ["User likes tea"]}\n```'))
    assert llm.user_facts([_page()]) == ["User likes tea"]  # fenced, capitalised key: the tolerant parser


def _page() -> Any:
    from memoryos_mcp.models import PageText

    return PageText("I like tea.", "Noted.", "2024-05-01 10:00:00")


def test_the_session_registry_sends_a_users_request_only_to_that_users_sessions() -> None:
    """Users told apart by the client's name here; a multi-user server tells them apart by token."""
    from mcp.server.mcpserver import MCPServer
    from mcp_types import Implementation

    from memoryos_mcp.server.sampling import SamplingSessions

    speaks_for = {"alice": "alice", "bob": "bob"}  # client name -> user
    sessions = SamplingSessions(lambda ctx: speaks_for[ctx.session.client_params.client_info.name])
    server: MCPServer[Any] = MCPServer("registry-test")
    server.middleware.append(sessions.middleware)

    @server.tool()
    def ping() -> str:
        return "pong"

    models = {"alice": ClientModel(), "bob": ClientModel()}
    request = SamplingRequest(system="s", user="User: hello", max_tokens=64, timeout=10.0, temperature=0.1)

    async def scenario() -> dict[str, str]:
        async with Client(server, mode="legacy", sampling_callback=models["alice"],
                          client_info=Implementation(name="alice", version="1")) as alice, \
                Client(server, mode="legacy", sampling_callback=models["bob"],
                       client_info=Implementation(name="bob", version="1")) as bob:
            await alice.call_tool("ping", {})
            await bob.call_tool("ping", {})
            answers = {}
            for user in ("alice", "bob", "alice"):
                answers[user] = await anyio.to_thread.run_sync(sessions.complete, user, request)
            assert sessions.available("alice") and not sessions.available("carol")
            with pytest.raises(SamplingFailure):
                await anyio.to_thread.run_sync(sessions.complete, "carol", request)
            speaks_for["alice"] = "bob"  # alice's session now claims to be bob's: it is asked nothing more
            await alice.call_tool("ping", {})
            assert not sessions.available("alice")
            answers["bob"] = await anyio.to_thread.run_sync(sessions.complete, "bob", request)
            return answers

    assert anyio.run(scenario) == {"alice": "An answer.", "bob": "An answer."}
    assert len(models["alice"].requests) == 2 and len(models["bob"].requests) == 2


def test_team_server_sends_each_users_requests_only_to_that_users_sessions(tmp_path: Path) -> None:
    """One team server, one memory per token: alice's pages are enriched by alice's client only, bob's by
    bob's; an admin acting for bob by header is never asked (its model is not bob's)."""
    from tests.test_team import add_token

    models = {"alice": ClientModel(), "bob": ClientModel(), "ops": ClientModel()}
    chats = {"alice": CHAT[:3], "bob": [("Bob here: I keep bees on my roof.", "Bees are fascinating."),
                                        ("My tandem bicycle is bright orange.", "That must turn heads."),
                                        ("I brew kombucha every weekend.", "Homemade kombucha is fun.")]}
    config = write_config(tmp_path, **settings(auth_tokens_file="tokens.json", user_id="owner"))
    tokens = {"alice": add_token(config, "alice"), "bob": add_token(config, "bob"),
              "ops": add_token(config, "ops", role="admin")}

    def headers(user: str, **more: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {tokens[user]}", **more}

    async def scenario() -> None:
        with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
                http_server(config, "streamable-http", errlog) as base:
            async with Client(connect("streamable-http", base, headers("alice")), mode="legacy",
                              sampling_callback=models["alice"]) as alice, \
                    Client(connect("streamable-http", base, headers("bob")), mode="legacy",
                           sampling_callback=models["bob"]) as bob:
                await bob.call_tool("retrieve_memory", {"query": "bees"})
                async with Client(connect("streamable-http", base, headers("ops", **{"X-MemoryOS-User-Id": "bob"})),
                                  mode="legacy", sampling_callback=models["ops"]) as ops:
                    await ops.call_tool("retrieve_memory", {"query": "bees"})  # bob's newest session, were it his
                    for client, user in ((alice, "alice"), (bob, "bob")):
                        await add_chat(client, chats[user])
                    for client, user in ((alice, "alice"), (bob, "bob")):
                        await wait_for(lambda c=client: _drained(c), f"{user}'s backlog")  # type: ignore[misc]
                        await wait_for(lambda c=client: _knows(c, "(sampled)"), f"{user}'s sampled facts")  # type: ignore[misc]

    anyio.run(scenario)
    assert models["alice"].requests and models["bob"].requests and not models["ops"].requests
    for own, other in (("alice", "bob"), ("bob", "alice")):
        asked = "\n".join(models[own].prompts)
        assert any(said in asked for said, _ in chats[own])
        assert not any(said in asked or answer in asked for said, answer in chats[other])
