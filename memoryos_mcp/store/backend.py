"""The SQLite backend of the storage contract (protocol.py): one scope's repositories over one store."""

from __future__ import annotations

from ..filters import Scope
from .knowledge import KnowledgeRepository
from .pages import PageRepository
from .profiles import ProfileRepository
from .protocol import Repositories
from .segments import SegmentRepository
from .sqlite import Store


def open_repositories(store: Store, scope: Scope) -> Repositories:
    """The repositories of `scope` in `store` (typed as the protocols: the type checker holds them to it)."""
    return Repositories(PageRepository(store, scope), SegmentRepository(store, scope),
                        KnowledgeRepository(store, scope), ProfileRepository(store, scope))
