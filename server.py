"""Run the memory server from a checkout: `python server.py --config config.json`."""

from memoryos_mcp.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
