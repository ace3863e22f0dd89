"""Moving memory in and out: JSONL export and import, MemoryOS import, re-embedding a store."""
