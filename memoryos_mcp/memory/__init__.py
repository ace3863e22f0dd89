"""The memory tiers and the services over them, and `Memoryos`, the engine they make up."""
