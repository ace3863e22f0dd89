"""The user model: what is known about the user as typed, dated values (who, where, work, people,
health, activities, plans, the assistant's commitments), each with its sources and validity interval.

Statement facts (long_term.py) stay for retrieval and provenance; the profile card is written from this
model. Offline, values come from rules and the spaCy parse (extract.py, commitments.py); with an LLM,
from one structured-extraction prompt returning the same updates.
"""
