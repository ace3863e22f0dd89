"""Run the memory server from a checkout: `python server.py --config config.json`."""

from memoryos_mcp.server import main

if __name__ == "__main__":
    raise SystemExit(main())
