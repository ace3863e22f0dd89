"""`python -m memoryos_mcp`: the same entry point as the `memoryos-mcp` console script."""

from .cli.main import main

raise SystemExit(main())
