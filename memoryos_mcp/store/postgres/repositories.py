"""One scope's repositories over a PostgreSQL store (typed as the protocols: the type checker holds them to it)."""

from __future__ import annotations

from ...filters import Scope
from ..protocol import Repositories
from .knowledge import PgKnowledge, PgUserModel
from .pages import PgDense, PgPages
from .segments import PgProfiles, PgSegments
from .store import PostgresStore


def open_repositories(store: PostgresStore, scope: Scope, dimension: int) -> Repositories:
    return Repositories(PgPages(store, scope), PgSegments(store, scope), PgKnowledge(store, scope),
                        PgProfiles(store, scope), PgUserModel(store, scope), PgDense(store, scope, dimension))
