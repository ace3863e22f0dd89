"""The PostgreSQL backend of the storage contract: one database shared by many server instances.

pgvector's HNSW index answers dense search and `tsvector` + GIN lexical search, so an instance holds no
copy of the vectors; transactions, row locks and an advisory lock keep the instances consistent.
"""
