"""Language work: tokenising, embedders, LLM providers and prompts, and the offline fact rules."""
