"""How a page or a fact is found: lexical and dense search, fusion, expansion from facts, time phrases."""
