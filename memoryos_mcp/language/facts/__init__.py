"""Rules that turn a message into fact statements when no LLM is configured."""
