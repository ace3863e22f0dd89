"""The answer judged as a whole (search/confidence.py): facts kept only when likely to answer; a question of two
parts is not judged whole."""

from __future__ import annotations

from memoryos_mcp.models import KnowledgeItem, RetrieveResult
from memoryos_mcp.search.confidence import answers_enough, one_question


def _answer(query: str, facts: list[tuple[str, float]]) -> RetrieveResult:
    return RetrieveResult(query=query, timestamp="2027-04-01 09:00:00", user_profile="", short_term_memory=[],
                          short_term_count=0, retrieved_pages=[],
                          retrieved_user_knowledge=[KnowledgeItem(knowledge=text, timestamp="2027-03-01 09:00:00",
                                                                  id=n + 1, score=score)
                                                    for n, (text, score) in enumerate(facts)],
                          retrieved_assistant_knowledge=[], total_pages_found=0, total_user_knowledge_found=len(facts),
                          total_assistant_knowledge_found=0)


def test_facts_are_kept_when_the_answer_is_likely_to_hold_what_was_asked():
    assert answers_enough(_answer("Where does Gord live?", [("Gord lives in Minnedosa", 1.4)]), 0.4)
    assert not answers_enough(_answer("What's Gord's wife's name?", [("Gord lives in Minnedosa", 0.45)]), 0.4)
    assert answers_enough(_answer("What's Gord's wife's name?", []), 0.4)  # nothing to drop


def test_a_question_of_two_parts_is_not_judged_whole_but_one_with_its_reason_is():
    assert not one_question("Who set me up with Renee, and what does she do?")
    assert one_question("What's my dad's name? I need it for a form.")
