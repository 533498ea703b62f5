"""Rule-based sentence splitting keeps abbreviations, initials and offsets right."""

from __future__ import annotations

from blocs.nlp.sentences import MAX_SENTENCE_WORDS, sentence_spans, split_sentences


def _texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_titles_and_country_abbreviations_do_not_end_sentences() -> None:
    text = "Mr. Macron met Gen. Milley in the U.S. capital. The talks ended."
    assert _texts(text) == ["Mr. Macron met Gen. Milley in the U.S. capital.", "The talks ended."]


def test_an_abbreviation_at_the_end_of_a_sentence_still_ends_it() -> None:
    text = "Troops left northern Syria on orders from the U.S. The Turks moved in."
    assert _texts(text) == [
        "Troops left northern Syria on orders from the U.S.",
        "The Turks moved in.",
    ]


def test_initials_and_dated_months_stay_inside_the_sentence() -> None:
    text = "John F. Kennedy spoke on Jan. 5 about Berlin. Nobody replied."
    assert _texts(text) == ["John F. Kennedy spoke on Jan. 5 about Berlin.", "Nobody replied."]


def test_question_and_exclamation_marks_and_quotes_end_sentences() -> None:
    text = "Will they meet? “We hope so.” She left!"
    assert _texts(text) == ["Will they meet?", "“We hope so.”", "She left!"]


def test_paragraph_breaks_and_bullets_always_end_sentences() -> None:
    text = "A headline without a stop\n\nBody starts here.\n• first point\n• second point"
    assert _texts(text) == [
        "A headline without a stop",
        "Body starts here.",
        "• first point",
        "• second point",
    ]


def test_lower_case_after_a_period_does_not_split() -> None:
    assert _texts("The talks, held in Geneva, i.e. on neutral ground, went well.") == [
        "The talks, held in Geneva, i.e. on neutral ground, went well."
    ]


def test_offsets_point_back_into_the_text() -> None:
    text = "  First one.   Second one.\n\nThird."
    sentences = split_sentences("a1", text)
    assert [s.index for s in sentences] == [0, 1, 2]
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()


def test_a_possessive_before_the_period_is_not_an_initial() -> None:
    text = "Its interests are aligned with Russia’s. In Libya, France objects."
    assert _texts(text) == ["Its interests are aligned with Russia’s.", "In Libya, France objects."]


def test_a_run_on_without_stops_is_cut_into_pieces_of_bounded_length() -> None:
    clause = "troops moved along the border near the river, "
    text = clause * 100 + "and the talks ended."
    pieces = _texts(text)
    assert len(pieces) > 1
    assert all(len(p.split()) <= MAX_SENTENCE_WORDS for p in pieces)
    assert all(p.endswith(",") for p in pieces[:-1])  # cut after clause punctuation
    assert " ".join(pieces) == text.strip()


def test_a_sentence_of_ordinary_length_is_not_cut() -> None:
    text = "France and Russia met in Paris, Berlin and Rome; Turkey attacked Syria."
    assert _texts(text) == [text]
