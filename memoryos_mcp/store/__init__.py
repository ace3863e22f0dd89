"""The SQLite store: schema and migrations, full-text indexes, and the queries on pages; the only SQL."""
