"""Private by default, through the real server: two users of one store with the default assistant id.

Alice's conversation (her health, and what the assistant promised her) must not reach Bob through any
tool or resource, although both servers share the data folder and the assistant id.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tests.support import blocking_client
from tests.test_comprehensive import stdio_client_for, write_config

pytestmark = pytest.mark.slow  # real server processes

ALICE = [
    ("My chemo appointment is on Friday at the Charité.", "I'll remind you about your chemo appointment on Friday."),
    ("I'm allergic to penicillin.", "Thanks for telling me, I will keep that in mind."),
    ("My daughter Lena starts school in September.", "That is a big step for Lena!"),
    ("Thanks for listening.", "Anytime."),
    ("See you tomorrow.", "See you!"),
]
SECRETS = ("chemo", "Charité", "penicillin", "Lena")


def test_one_users_facts_never_reach_another(tmp_path: Path) -> None:
    (tmp_path / "alice").mkdir()
    (tmp_path / "bob").mkdir()
    alice_config = write_config(tmp_path / "alice", user_id="alice", data_storage_path=str(tmp_path / "store"),
                                short_term_capacity=2)
    bob_config = write_config(tmp_path / "bob", user_id="bob", data_storage_path=str(tmp_path / "store"),
                              short_term_capacity=2)
    with blocking_client(stdio_client_for(alice_config, sys.stderr)) as alice:
        for day, (user, assistant) in enumerate(ALICE, start=1):
            assert not alice.call("add_memory", {"user_input": user, "agent_response": assistant,
                                                 "timestamp": f"2024-05-0{day} 10:00:00"}).is_error
        profile = alice.call("get_user_profile", {"include_assistant_knowledge": True}).structured_content
        learnt = json.dumps(profile)
        assert "penicillin" in learnt and "chemo" in learnt, "Alice's own memory learnt her facts"

    with blocking_client(stdio_client_for(bob_config, sys.stderr)) as bob:
        bob.call("add_memory", {"user_input": "Please remind me of my appointments.", "agent_response": "Sure."})
        seen = []
        for query in ("chemo appointment Friday", "Which medicine am I allergic to?", "my daughter school"):
            result = bob.call("retrieve_memory", {"query": query}).structured_content
            seen.append(json.dumps({k: v for k, v in result.items() if k != "query"}, ensure_ascii=False))
        seen.append(json.dumps(bob.call("get_user_profile", {"include_assistant_knowledge": True})
                               .structured_content, ensure_ascii=False))
        status = bob.resource("memoryos://status")
        seen.append(json.dumps(status, ensure_ascii=False))
    everything = " ".join(seen)
    for secret in SECRETS:
        assert secret not in everything, secret
    assert status["user_knowledge"] == 0 and status["assistant_knowledge"] == 0
