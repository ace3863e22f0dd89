"""The MCP surface, one module per concern; the only package that imports `mcp`.

- `host`: the shared engine behind every MCP lifespan, and running engine calls off the event loop
- `memory_tools`: add_memory, retrieve_memory, get_user_profile
- `manage_tools`: list_memories, add_memories, delete_memory, list_knowledge, delete_knowledge,
  update_knowledge, forget_all
- `resources`: status, config, profile, and the pages/{page_id} and segments/{segment_id} templates
- `user_prompts`: the remember, recall and review_memory prompts
- `tool_errors`: tool errors as one `{"status": "error", "message"}` line naming the argument
- `mcp_middleware`: a session's calls in arrival order; unknown tool and prompt names are -32602
- `sampling`: the sessions whose clients offer sampling, by user: the engine's way to their models
- `app`: the server object that assembles the above
- `catalog`: its title, tools and prompts as a client lists them (the Claude Desktop bundle's manifest)
- `transports`: stdio, and SSE / streamable HTTP with DNS-rebinding protection and the bearer token
- `stdio_transport`: a stdio loop that answers every request line, even one the SDK cannot parse
- `startup`: flags, config resolution and the checks that must pass before anything is opened or bound
- `http_auth`: the bearer token on HTTP transports, and which hosts count as loopback
- `tenants`: a team server: token -> user in the HTTP layer, the caller's engine for each MCP request
- `engine_pool`: per-user engines opened on first use, closed when idle or least recently used
- `token_file`: the team's tokens file (hashed tokens; `memoryos_mcp.cli.tokens` manages it)
- `observability`: request ids, one log line per call, JSON logs, /healthz
- `viewer`: the memory viewer's JSON API under /ui/api and its page (static/viewer.html)
- `main`: run the server (`memoryos_mcp.cli` is the `memoryos-mcp` command, subcommands included)
"""
