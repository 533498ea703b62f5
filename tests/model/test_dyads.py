"""Dyad scores on small hand-built stores with answers worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from model_store import Ev, StoreFactory

from blocs.errors import ModelError
from blocs.model.dyads import DyadScore, Scoring, dyad_report, dyad_scores, score_arrays
from blocs.model.queries import ALL_ORIGINS, Selection, parse_sources
from blocs.store.db import Store


def _scores(
    path: Path, scoring: Scoring | None = None, selection: Selection | None = None, **kw: bool
) -> dict[tuple[str, str], DyadScore]:
    with Store(path, read_only=True) as store:
        found = dyad_scores(store.con, selection or Selection(), scoring or Scoring(), **kw)
    return {(s.a, s.b): s for s in found}


def test_an_event_one_half_life_old_counts_half(make_store: StoreFactory) -> None:
    path = make_store([Ev("FRA", "RUS", "2020-01-01", 5.0)])
    scoring = Scoring(half_life_days=30)
    fresh = _scores(path, scoring, Selection(until=date(2020, 1, 1)))[("FRA", "RUS")]
    later = _scores(path, scoring, Selection(until=date(2020, 1, 31)))[("FRA", "RUS")]
    assert fresh.cooperation == pytest.approx(0.5)
    assert later.cooperation == pytest.approx(0.25)
    assert later.evidence == pytest.approx(fresh.evidence / 2)


def test_the_reference_date_is_the_latest_event_by_default(make_store: StoreFactory) -> None:
    path = make_store([Ev("FRA", "RUS", "2020-01-01", 5.0), Ev("DEU", "POL", "2020-03-01", 1.0)])
    with Store(path, read_only=True) as store:
        report = dyad_report(store.con, "FRA", "RUS", Selection(), Scoring())
    assert report.reference == date(2020, 3, 1)
    assert report.score is not None
    assert report.score.cooperation == pytest.approx(0.5 * 2 ** (-60 / 180))


def test_shrinkage_pulls_one_event_towards_zero_more_than_fifty(
    make_store: StoreFactory,
) -> None:
    events = [Ev("FRA", "RUS", "2020-01-01", 5.0)]
    events += [Ev("USA", "GBR", "2020-01-01", 5.0)] * 50
    scores = _scores(make_store(events), Scoring(prior_strength=2.0))
    one, fifty = scores[("FRA", "RUS")], scores[("GBR", "USA")]
    # raw mean intensity 0.5 for both; the posterior keeps M / (M + k) of it
    assert one.tone == pytest.approx(0.5 * 1 / 3)
    assert fifty.tone == pytest.approx(0.5 * 50 / 52)
    assert one.tone / 0.5 < fifty.tone / 0.5


def test_more_unrelated_coverage_of_one_state_lowers_its_dyad_score(
    make_store: StoreFactory,
) -> None:
    pair = [Ev("FRA", "RUS", "2020-01-01", 5.0)] * 4
    quiet = _scores(make_store(pair + [Ev("FRA", "DEU", "2020-01-01", 1.0)] * 4))
    busy = _scores(make_store(pair + [Ev("FRA", "DEU", "2020-01-01", 1.0)] * 8))
    assert busy[("FRA", "RUS")].tone == pytest.approx(quiet[("FRA", "RUS")].tone)
    assert busy[("FRA", "RUS")].share < quiet[("FRA", "RUS")].share
    assert busy[("FRA", "RUS")].score < quiet[("FRA", "RUS")].score
    # share = M / sqrt(V_FRA * V_RUS): 4 / sqrt(8 * 4) and 4 / sqrt(12 * 4)
    assert quiet[("FRA", "RUS")].share == pytest.approx(4 / (8 * 4) ** 0.5)
    assert busy[("FRA", "RUS")].share == pytest.approx(4 / (12 * 4) ** 0.5)


def test_coverage_growing_for_everyone_leaves_the_scores_alike(
    make_store: StoreFactory,
) -> None:
    week = [
        Ev("FRA", "RUS", "2020-01-01", 5.0),
        Ev("FRA", "DEU", "2020-01-01", -2.0),
        Ev("RUS", "CHN", "2020-01-01", 3.0),
    ]
    scoring = Scoring(prior_strength=0.0)
    once, thrice = _scores(make_store(week), scoring), _scores(make_store(week * 3), scoring)
    for pair, score in once.items():
        assert thrice[pair].score == pytest.approx(score.score)


def test_hypothetical_future_and_negated_events_do_not_count(make_store: StoreFactory) -> None:
    path = make_store(
        [
            Ev("FRA", "RUS", "2020-01-01", 5.0),
            Ev("FRA", "RUS", "2020-01-01", -10.0, "ASSAULT", modality="hypothetical"),
            Ev("FRA", "RUS", "2020-01-01", -10.0, "ASSAULT", modality="future"),
            Ev("RUS", "FRA", "2020-01-01", -10.0, "ASSAULT", modality="negated"),
            Ev("RUS", "FRA", "2020-01-01", 2.0, modality="reported"),
        ]
    )
    with Store(path, read_only=True) as store:
        report = dyad_report(store.con, "FRA", "RUS", Selection(), Scoring())
    assert report.score is not None
    assert report.score.events == 2
    assert report.score.conflict == 0.0
    assert report.score.cooperation == pytest.approx(0.5 + 0.2)
    assert report.not_done == {"future": 1, "hypothetical": 1, "negated": 1}


def test_the_source_option_selects_origins(make_store: StoreFactory) -> None:
    path = make_store(
        [
            Ev("FRA", "RUS", "2020-01-01", 5.0, origin="blocs"),
            Ev("FRA", "RUS", "2020-01-01", -8.0, "SANCTION", origin="gdelt2"),
            Ev("FRA", "RUS", "2020-01-01", -4.0, "ACCUSE", origin="icews"),
        ]
    )
    assert parse_sources(None) == (ALL_ORIGINS, False)
    assert parse_sources("gdelt") == (("gdelt1", "gdelt2"), False)
    assert parse_sources("blocs,unga") == (("blocs",), True)

    def pair(source: str) -> DyadScore:
        origins, _ = parse_sources(source)
        return _scores(path, selection=Selection(origins))[("FRA", "RUS")]

    assert (pair("blocs").cooperation, pair("blocs").conflict) == (pytest.approx(0.5), 0.0)
    assert (pair("gdelt").cooperation, pair("gdelt").conflict) == (0.0, pytest.approx(0.8))
    assert pair("gdelt,icews").conflict == pytest.approx(1.2)
    assert pair("all").events == 3
    with pytest.raises(ModelError, match="unknown source 'acled'"):
        parse_sources("blocs,acled")


def test_drill_down_contributions_add_up_to_the_score(make_store: StoreFactory) -> None:
    path = make_store(
        [
            Ev("FRA", "RUS", "2020-01-05", 5.0, confidence=0.8),
            Ev("RUS", "FRA", "2020-02-10", -4.0, "ACCUSE", confidence=0.6),
            Ev("FRA", "RUSGOV", "2020-03-15", 3.4, "SUPPORT"),
            Ev("RUSMIL", "FRAMIL", "2020-04-20", -10.0, "ASSAULT", confidence=0.5),
            Ev("FRA", "DEU", "2020-04-21", 1.0),
        ]
    )
    with Store(path, read_only=True) as store:
        every = dyad_report(store.con, "FRA", "RUS", Selection(), Scoring(), top=None)
        two = dyad_report(store.con, "FRA", "RUS", Selection(), Scoring(), top=2)
    assert every.score is not None
    assert every.evidence_total == 4
    assert sum(e["contribution"] for e in every.evidence) == pytest.approx(every.score.score)
    assert two.evidence == every.evidence[:2]
    assert sum(e["contribution"] for e in two.evidence) + two.rest == pytest.approx(
        every.score.score
    )
    sizes = [abs(e["contribution"]) for e in every.evidence]
    assert sizes == sorted(sizes, reverse=True)
    strongest = every.evidence[0]
    assert strongest["plover"] == "ASSAULT"
    assert strongest["sentence"].startswith("RUSMIL assaults FRAMIL")
    assert strongest["weight"] == pytest.approx(-0.5)
    assert {"article_id", "url", "outlet", "title", "origin", "decay"} <= set(strongest)


def test_each_direction_of_a_pair_has_its_own_score(make_store: StoreFactory) -> None:
    path = make_store(
        [Ev("USA", "IRN", "2020-01-01", -8.0, "SANCTION"), Ev("IRN", "USA", "2020-01-01", 1.0)]
    )
    directed = _scores(path, directed=True)
    assert directed[("USA", "IRN")].score < 0 < directed[("IRN", "USA")].score
    with Store(path, read_only=True) as store:
        report = dyad_report(store.con, "usa", "irn", Selection(), Scoring())
    assert report.forward == directed[("USA", "IRN")]
    assert report.backward == directed[("IRN", "USA")]
    assert report.score is not None and report.score.events == 2


def test_the_interval_holds_the_score_and_narrows_with_evidence(
    make_store: StoreFactory,
) -> None:
    events = [Ev("FRA", "RUS", "2020-01-01", 5.0), Ev("FRA", "RUS", "2020-01-01", -2.0)]
    events += [Ev("USA", "GBR", "2020-01-01", 5.0), Ev("USA", "GBR", "2020-01-01", -2.0)] * 20
    scores = _scores(make_store(events))
    sparse, dense = scores[("FRA", "RUS")], scores[("GBR", "USA")]
    for s in (sparse, dense):
        assert s.low < s.score < s.high
    assert dense.high - dense.low < (sparse.high - sparse.low) / 2


def test_quad_intensity_weighs_an_event_by_its_class(make_store: StoreFactory) -> None:
    path = make_store([Ev("FRA", "RUS", "2020-01-01", -10.0, "ASSAULT")])
    quad = _scores(path, Scoring(intensity="quad"))[("FRA", "RUS")]
    goldstein = _scores(path)[("FRA", "RUS")]
    assert (quad.conflict, goldstein.conflict) == (pytest.approx(0.75), pytest.approx(1.0))


def test_a_pair_without_events_scores_zero(make_store: StoreFactory) -> None:
    path = make_store([Ev("FRA", "RUS", "2020-01-01", 5.0)])
    with Store(path, read_only=True) as store:
        report = dyad_report(store.con, "FRA", "CHN", Selection(), Scoring())
    assert report.score is not None
    assert (report.score.events, report.score.score, report.evidence) == (0, 0.0, [])
    with Store(path, read_only=True) as store, pytest.raises(ModelError, match="twice"):
        dyad_report(store.con, "FRA", "fra", Selection(), Scoring())


@pytest.mark.parametrize(
    "bad",
    [
        {"half_life_days": 0},
        {"prior_strength": -1},
        {"interval": 1.0},
        {"intensity": "tone"},
    ],
)
def test_bad_parameters_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ModelError):
        Scoring(**bad)  # type: ignore[arg-type]


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ModelError, match="after"):
        Selection(since=date(2021, 1, 1), until=date(2020, 1, 1))


def test_an_imported_repeat_of_blocs_event_from_its_article_counts_once(
    make_store: StoreFactory,
) -> None:
    path = make_store(
        [
            Ev("FRA", "RUS", "2020-03-01", 3.0, article="a1"),
            Ev("FRA", "RUS", "2020-03-01", 3.0, origin="gdelt2"),
        ]
    )
    with Store(path) as store:  # GDELT coded the same happening from the same article
        store.con.execute("UPDATE coded_events SET url = 'https://test.example/0'")

    def events(*origins: str) -> int:
        with Store(path, read_only=True) as store:
            report = dyad_report(store.con, "FRA", "RUS", Selection(origins=origins), Scoring())
        assert report.score is not None
        return report.score.events

    assert events(*ALL_ORIGINS) == 1  # blocs' event, with its sentence, stands for both
    assert events("gdelt2") == 1
    assert events("blocs") == 1
    with Store(path) as store:  # another article's event is another happening
        store.con.execute("UPDATE coded_events SET url = 'https://elsewhere.example/x'")
    assert events(*ALL_ORIGINS) == 2


def test_score_arrays_give_zero_where_nothing_is_seen_and_clip_the_bounds() -> None:
    """Element by element: no evidence and no prior gives 0 (not NaN), a share is capped at
    1, the bounds are the clipped tone +- z * sd times the share."""
    scoring = Scoring(prior_strength=0.0)
    cooperation = np.array([[0.0, 2.0], [0.5, 0.0]])
    conflict = np.array([[0.0, 0.0], [0.0, 0.3]])
    evidence = np.array([[0.0, 2.0], [1.0, 0.5]])
    volume_a = np.array([[0.0, 1.0], [4.0, 1.0]])
    volume_b = np.array([[0.0, 1.0], [1.0, 1.0]])
    s = score_arrays(cooperation, conflict, evidence, volume_a, volume_b, 0.04, scoring)
    assert s.tone.tolist() == [[0.0, 1.0], [0.5, -0.6]]
    assert s.share.tolist() == [[0.0, 1.0], [0.5, 0.5]]  # 2 / sqrt(1): capped at 1
    assert s.score.tolist() == [[0.0, 1.0], [0.25, -0.3]]
    z = 1.6448536269514722  # the 90 % interval
    assert s.high[0, 1] == 1.0  # 1 + z * 0.2 / sqrt(2), clipped
    assert s.low[0, 1] == pytest.approx(1.0 - z * np.sqrt(0.04 / 2.0))
    assert s.low[1, 1] == pytest.approx(max(-1.0, -0.6 - z * np.sqrt(0.04 / 0.5)) * 0.5)
    assert (s.low[0, 0], s.high[0, 0]) == (0.0, 0.0)
    assert not np.isnan(s.low).any() and not np.isnan(s.high).any()
