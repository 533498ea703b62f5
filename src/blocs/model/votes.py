"""UN General Assembly vote similarity: agreement and Cohen's kappa between two states.

Input: a DuckDB connection holding a `votes` table of the store's schema (migration 4: one
row per roll call `rcid` and voting state `country`, `vote` in yes/abstain/no, `vote_date`,
`session`). Absences are not rows, so two states are compared over the roll calls on which
both have a row.

Cohen's kappa over the three categories, each state's shares taken over those common roll
calls: kappa = (p_o - p_e) / (1 - p_e), p_o the share of identical votes and
p_e = sum_c p_a(c) * p_b(c). Kappa discounts the frequent shared "yes" that makes raw
agreement high for almost every pair.

Degenerate cases: with no common roll call, agreement and kappa are NaN; when p_e = 1 (both
states cast one and the same category on every common roll call, so p_o = 1 too) kappa is
0/0 and is NaN: identical but uninformative votes say nothing about alignment beyond chance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt

from blocs.errors import EvalError

CATEGORIES = ("yes", "abstain", "no")

FloatMatrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class VoteAgreement:
    """Two states' votes over the roll calls on which both voted in a period."""

    a: str
    b: str
    n_common: int
    agreement: float
    kappa: float


@dataclass(frozen=True, slots=True)
class VoteMatrix:
    """All pairs of a period at once: square matrices indexed by `states` (sorted ISO3).

    The diagonal compares a state with itself; `agreement` and `kappa` are NaN where
    `n_common` is 0 or kappa is undefined (p_e = 1).
    """

    states: tuple[str, ...]
    n_common: npt.NDArray[np.int64]
    agreement: FloatMatrix
    kappa: FloatMatrix


def _period(
    year: int | None, session: int | None, since: date | None, until: date | None
) -> tuple[str, list[object]]:
    """A WHERE clause (always starting with TRUE) and its parameters for the period."""
    clause, params = "TRUE", list[object]()
    if year is not None:
        clause += " AND vote_date >= ? AND vote_date < ?"
        params += [date(year, 1, 1), date(year + 1, 1, 1)]
    if session is not None:
        clause += " AND session = ?"
        params.append(session)
    if since is not None:
        clause += " AND vote_date >= ?"
        params.append(since)
    if until is not None:
        clause += " AND vote_date <= ?"
        params.append(until)
    return clause, params


def vote_agreement(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    year: int | None = None,
    session: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> VoteAgreement:
    """Agreement and Cohen's kappa of states `a` and `b` (ISO3) over a period.

    `year` is the calendar year of the vote date, `session` the UNGA session; `since` and
    `until` bound the vote date (inclusive). Filters combine; none means every vote stored.
    """
    where, params = _period(year, session, since, until)
    counts = ", ".join(f"count_if(va = '{c}'), count_if(vb = '{c}')" for c in CATEGORIES)
    row = con.execute(
        f"""
        WITH p AS (
            SELECT rcid, country, vote FROM votes
            WHERE country IN (?, ?) AND vote IN ('yes', 'abstain', 'no') AND {where}
        ), common AS (
            SELECT x.vote AS va, y.vote AS vb
            FROM p x JOIN p y ON x.rcid = y.rcid AND x.country = ? AND y.country = ?
        )
        SELECT count(*), count_if(va = vb), {counts} FROM common
        """,
        [a, b, *params, a, b],
    ).fetchone()
    assert row is not None  # an aggregate always returns one row
    n, same, *by_category = (int(v or 0) for v in row)  # count_if of no rows is NULL
    if n == 0:
        return VoteAgreement(a, b, 0, float("nan"), float("nan"))
    expected = sum(by_category[2 * i] * by_category[2 * i + 1] for i in range(len(CATEGORIES)))
    p_o, p_e = same / n, expected / (n * n)
    kappa = float("nan") if expected == n * n else (p_o - p_e) / (1 - p_e)
    return VoteAgreement(a, b, n, p_o, kappa)


@dataclass(frozen=True, slots=True)
class VoteCounts:
    """What kappa is made of, for every pair of a period: square matrices over `states`.

    `n[a, b]` counts the roll calls both voted on, `same[a, b]` those with identical votes,
    `by_category[c, a, b]` those where `a` cast category `c` (yes, abstain, no) and `b`
    voted. Counts of several periods add up, with weights if wanted (`pooled`), which is
    how kappa over several years with decay is computed: one kappa over weighted roll calls.
    """

    states: tuple[str, ...]
    n: FloatMatrix
    same: FloatMatrix
    by_category: npt.NDArray[np.float64]

    @staticmethod
    def pooled(parts: Sequence[VoteCounts], weights: Sequence[float]) -> VoteCounts:
        """The weighted sum of counts over the same states."""
        if not parts or len(parts) != len(weights):
            raise ValueError("pooled() needs as many weights as counts, at least one")
        states = parts[0].states
        if any(p.states != states for p in parts):
            raise ValueError("pooled() needs counts over the same states")
        return VoteCounts(
            states,
            sum((w * p.n for p, w in zip(parts, weights, strict=True)), np.zeros_like(parts[0].n)),
            sum(
                (w * p.same for p, w in zip(parts, weights, strict=True)),
                np.zeros_like(parts[0].same),
            ),
            sum(
                (w * p.by_category for p, w in zip(parts, weights, strict=True)),
                np.zeros_like(parts[0].by_category),
            ),
        )

    def kappa(self) -> FloatMatrix:
        """Cohen's kappa of every pair; NaN without common votes or where p_e = 1."""
        expected = np.einsum("cab,cba->ab", self.by_category, self.by_category)
        with np.errstate(divide="ignore", invalid="ignore"):
            p_o = self.same / self.n
            p_e = expected / (self.n * self.n)
            defined = (self.n > 0) & (p_e < 1.0 - 1e-12)
            return np.where(defined, (p_o - p_e) / (1.0 - p_e), np.nan)

    def agreement(self) -> FloatMatrix:
        """Share of identical votes of every pair; NaN without common votes."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.n > 0, self.same / self.n, np.nan)

    def matrix(self) -> VoteMatrix:
        return VoteMatrix(
            self.states, np.rint(self.n).astype(np.int64), self.agreement(), self.kappa()
        )


def vote_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int | None = None,
    session: int | None = None,
    since: date | None = None,
    until: date | None = None,
    states: Sequence[str] | None = None,
) -> VoteCounts:
    """Counts of every pair of states over a period (see `VoteCounts`).

    `states` fixes the index (states outside it are left out, states without votes get
    zero rows), so counts of several periods line up; by default the index is every state
    that voted in the period.
    """
    where, params = _period(year, session, since, until)
    table = con.execute(
        f"SELECT country, rcid, vote FROM votes WHERE vote IN ('yes', 'abstain', 'no') AND {where}",
        params,
    ).fetchnumpy()
    countries = np.asarray(table["country"], dtype=object)
    index = tuple(sorted(set(countries.tolist()))) if states is None else tuple(states)
    return _counts(index, countries, np.asarray(table["rcid"]), np.asarray(table["vote"]))


def yearly_vote_counts(
    con: duckdb.DuckDBPyConnection, states: Sequence[str] | None = None
) -> dict[int, VoteCounts]:
    """`vote_counts` of every calendar year with votes, on one state index (by default
    every state that voted in any year), read in one query."""
    table = con.execute(
        "SELECT year(vote_date) AS year, country, rcid, vote FROM votes"
        " WHERE vote IN ('yes', 'abstain', 'no') AND vote_date IS NOT NULL"
    ).fetchnumpy()
    countries = np.asarray(table["country"], dtype=object)
    index = tuple(sorted(set(countries.tolist()))) if states is None else tuple(states)
    years = np.asarray(table["year"])
    rcids, votes = np.asarray(table["rcid"]), np.asarray(table["vote"])
    return {
        int(y): _counts(index, countries[years == y], rcids[years == y], votes[years == y])
        for y in np.unique(years)
    }


def _counts(
    index: tuple[str, ...],
    countries: npt.NDArray[np.object_],
    rcids: npt.NDArray[np.object_],
    votes: npt.NDArray[np.object_],
) -> VoteCounts:
    """One indicator matrix per category (states x roll calls); its products give, for every
    pair, the common roll calls, the identical votes and each state's category counts over
    the other's roll calls. (einsum, not BLAS: the matrices are small, and BLAS threads
    only slow them down on a busy machine.)"""
    position = {s: i for i, s in enumerate(index)}
    state_of = np.array([position.get(c, -1) for c in countries.tolist()], dtype=np.intp)
    keep = state_of >= 0
    _, rcid_of = np.unique(rcids[keep].astype(str), return_inverse=True)
    category_of = np.select([votes[keep] == c for c in CATEGORIES], list(range(len(CATEGORIES))))
    onehot = np.zeros((len(CATEGORIES), len(index), int(rcid_of.max(initial=-1)) + 1))
    onehot[category_of, state_of[keep], rcid_of] = 1.0
    voted = onehot.sum(axis=0)
    return VoteCounts(
        index,
        np.einsum("sr,tr->st", voted, voted),
        np.einsum("csr,ctr->st", onehot, onehot),
        np.einsum("csr,tr->cst", onehot, voted),
    )


def vote_matrix(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int | None = None,
    session: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> VoteMatrix:
    """Agreement and kappa of every pair of states that voted in the period, at once, with
    the same definition as `vote_agreement`."""
    return vote_counts(con, year=year, session=session, since=since, until=until).matrix()


def pairwise_kappa(
    con: duckdb.DuckDBPyConnection,
    *,
    year: int | None = None,
    session: int | None = None,
    since: date | None = None,
    until: date | None = None,
    min_common: int = 20,
) -> list[VoteAgreement]:
    """Every unordered pair (a < b) with at least `min_common` common roll calls."""
    m = vote_matrix(con, year=year, session=session, since=since, until=until)
    rows, cols = np.nonzero(np.triu(m.n_common >= min_common, k=1))
    return [
        VoteAgreement(
            m.states[i],
            m.states[j],
            int(m.n_common[i, j]),
            float(m.agreement[i, j]),
            float(m.kappa[i, j]),
        )
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
    ]


def load_votes_csv(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Create a `votes` table of the store's schema in `con` from the unvotes-derived CSV
    (`rcid, session, date, iso3, cow_code, vote`; gzip or plain), for use without a store."""
    if not path.is_file():
        raise EvalError(f"{path}: no such votes file (unga_votes_*.csv.gz)")
    try:
        con.execute(
            """
            CREATE TABLE votes AS
            SELECT rcid, iso3 AS country, vote, CAST(date AS DATE) AS vote_date,
                   CAST(session AS INTEGER) AS session, ? AS source_file, 'csv' AS import_id
            FROM read_csv(?, header = true, all_varchar = true)
            """,
            [path.name, str(path)],
        )
    except duckdb.Error as exc:
        raise EvalError(f"{path}: not a votes CSV ({exc})") from exc
