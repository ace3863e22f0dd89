"""The answer judged as a whole (search/confidence.py): facts kept only when likely to answer, and an answer it is
sure of widened by the facts nearest in meaning, never past the answer budget."""

from __future__ import annotations

from memoryos_mcp.models import KnowledgeItem, RetrieveResult
from memoryos_mcp.search.confidence import MORE_FACTS, answers_enough, with_nearest


def _answer(query: str, facts: list[tuple[str, float]]) -> RetrieveResult:
    return RetrieveResult(query=query, timestamp="2027-04-01 09:00:00", user_profile="", short_term_memory=[],
                          short_term_count=0, retrieved_pages=[],
                          retrieved_user_knowledge=[KnowledgeItem(knowledge=text, timestamp="2027-03-01 09:00:00",
                                                                  id=n + 1, score=score)
                                                    for n, (text, score) in enumerate(facts)],
                          retrieved_assistant_knowledge=[], total_pages_found=0, total_user_knowledge_found=len(facts),
                          total_assistant_knowledge_found=0)


def _near(*texts: str) -> list[KnowledgeItem]:
    return [KnowledgeItem(knowledge=text, timestamp="2027-03-01 09:00:00", id=100 + n, score=0.3 - n / 100)
            for n, text in enumerate(texts)]


def test_facts_are_kept_when_the_answer_is_likely_to_hold_what_was_asked():
    assert answers_enough(_answer("Where does Gord live?", [("Gord lives in Minnedosa", 1.4)]), 0.4)
    assert not answers_enough(_answer("What's Gord's wife's name?", [("Gord lives in Minnedosa", 0.45)]), 0.4)
    assert answers_enough(_answer("What's Gord's wife's name?", []), 0.4)  # nothing to drop


def test_an_answer_it_is_sure_of_takes_the_nearest_facts_it_lacks_after_its_own_within_the_budget():
    sure = _answer("When is my dentist appointment?", [("User's dentist appointment is on Tuesday 4 May", 0.9)])
    nearest = (_near("User's dentist appointment is on Tuesday 4 May", "User said the dentist is Dr Lee; User said "
                     "the appointment is at 9:40", "User hates the drill", "User flosses"), [])
    wider = with_nearest(sure, nearest, limit=100_000)
    texts = [fact.knowledge for fact in wider.retrieved_user_knowledge]
    assert texts[0] == "User's dentist appointment is on Tuesday 4 May" and len(texts) == 1 + MORE_FACTS
    assert "9:40" in texts[1] and wider.total_user_knowledge_found == len(texts)
    scores = [fact.score or 0.0 for fact in wider.retrieved_user_knowledge]
    assert scores == sorted(scores, reverse=True) and scores[1] < 0.9  # after its own facts, best first
    assert with_nearest(sure, nearest, limit=len(sure.model_dump_json())) == sure  # no room: no page gives way
    unsure = _answer("What's Gord's wife's name?", [("Gord lives in Minnedosa", 0.45)])
    assert with_nearest(unsure, nearest, limit=100_000) == unsure
