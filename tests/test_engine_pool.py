"""The team server's engine pool: per-user stores, the LRU bound, idle closing, and engines in use kept open."""

from __future__ import annotations

from pathlib import Path

import anyio

from memoryos_mcp.config import MemoryConfig
from memoryos_mcp.server.engine_pool import EnginePool, user_config, user_folder
from memoryos_mcp.server.token_file import Tenant
from tests.support import HashEmbedder


def tenant(name: str) -> Tenant:
    return Tenant(user_id=name, assistant_id="a")


def pool(tmp_path: Path, **settings: object) -> EnginePool:
    config = MemoryConfig(data_storage_path=tmp_path, user_id="owner", llm_provider="offline", **settings)
    return EnginePool(config, embedder=HashEmbedder())


def test_each_user_has_a_folder_and_the_owner_keeps_the_root(tmp_path: Path) -> None:
    config = MemoryConfig(data_storage_path=tmp_path, user_id="owner")
    assert user_config(config, tenant("owner")).data_storage_path == tmp_path
    odd = user_config(config, tenant("../../etc/passwd")).data_storage_path
    assert odd.parent == tmp_path / "users" and ".." not in odd.name and "/" not in odd.name
    assert user_folder(tmp_path, "Alice") != user_folder(tmp_path, "alice")
    assert user_folder(tmp_path, "a/b") != user_folder(tmp_path, "a_b")


def test_least_recently_used_closes_but_never_an_engine_in_use(tmp_path: Path) -> None:
    engines = pool(tmp_path, max_open_users=2)

    async def scenario() -> None:
        async with engines.lease(tenant("alice")) as alice:
            alice.add_memory("I keep bees.", "Lovely.")
            for name in ("bob", "carol", "dave"):
                async with engines.lease(tenant(name)) as other:
                    assert other.list_memories().total == 0
            assert engines.open_count == 2  # alice (in use) and dave (the latest)
            assert alice.list_memories().total == 1  # still open: it was in use throughout
        async with engines.lease(tenant("erin")):
            pass
        assert engines.open_count == 2
        async with engines.lease(tenant("alice")) as again:  # reopened from its own file
            assert [p.user_input for p in again.list_memories().pages] == ["I keep bees."]
        await engines.close_all()
        assert engines.open_count == 0

    anyio.run(scenario)
    assert (user_folder(tmp_path, "alice") / "memoryos.sqlite3").exists()


def test_idle_engines_close(tmp_path: Path) -> None:
    engines = pool(tmp_path, user_idle_seconds=0.01)

    async def scenario() -> None:
        async with engines.lease(tenant("alice")), engines.lease(tenant("bob")):
            await anyio.sleep(0.05)
            await engines.close_idle()
            assert engines.open_count == 2  # in use
        await anyio.sleep(0.05)
        await engines.close_idle()
        assert engines.open_count == 0

    anyio.run(scenario)


def test_concurrent_first_requests_open_one_engine(tmp_path: Path) -> None:
    engines = pool(tmp_path)
    seen: list[int] = []

    async def request() -> None:
        async with engines.lease(tenant("alice")) as memory:
            seen.append(id(memory))

    async def scenario() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(8):
                group.start_soon(request)
        await engines.close_all()

    anyio.run(scenario)
    assert len(set(seen)) == 1
