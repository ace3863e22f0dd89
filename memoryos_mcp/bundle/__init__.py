"""An MCP Bundle (.mcpb) of this checkout, for a one-click install in Claude Desktop.

- `manifest`: manifest.json from its template, the package's metadata and the server's own tools and prompts
- `archive`: the .mcpb file (manifest, icon and the project files the `uv` server type installs from)

The `memoryos-mcp bundle` subcommand is `cli/bundle.py`.
"""
