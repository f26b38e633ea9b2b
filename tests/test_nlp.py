"""Parsing long texts in pieces (`storyline.nlp.parse`): one Doc whose text is the input exactly,
sentences and entities as the one-shot parse gives them, and the pipeline's spans still
character offsets into the text. Texts: the cleaned fixture articles and the founding sample,
joined with blank lines as one long, real-shaped article."""
from __future__ import annotations

import pytest

from storyline import Config
from storyline.inputs.read import article_from_text
from storyline.nlp import CHUNK_CHARS, chunk_spans, parse, parse_many

from conftest import long_real_body, real_bodies

# Small pieces, so a text of a few articles is cut many times.
PIECE = 1_500
# How far from a join (in characters) the parse is compared with the one-shot parse.
NEAR_JOIN = 200


@pytest.fixture(scope="module")
def long_text() -> str:
    return long_real_body()


@pytest.fixture(scope="module")
def both_parses(pipeline, long_text):
    return pipeline.nlp(long_text), parse(pipeline.nlp, long_text, size=PIECE)


def test_pieces_cover_the_text_and_end_after_a_paragraph_break(long_text):
    spans = chunk_spans(long_text, PIECE)
    assert len(spans) >= 5
    assert spans[0][0] == 0 and spans[-1][1] == len(long_text)
    assert all(end == next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
    for start, end in spans[:-1]:
        assert end - start <= PIECE + 10
        assert long_text[start:end].rstrip(" ").endswith("\n\n")
        assert not long_text[end].isspace()


def test_joined_parse_has_the_text_exactly(long_text, both_parses):
    one_shot, joined = both_parses
    assert joined.text == long_text
    assert [t.text for t in joined] == [t.text for t in one_shot]
    assert [t.idx for t in joined] == [t.idx for t in one_shot]


def test_joins_are_sentence_starts_and_sentences_agree_near_them(long_text, both_parses):
    one_shot, joined = both_parses
    joins = [start for start, _ in chunk_spans(long_text, PIECE)[1:]]
    starts = {sentence.start_char for sentence in joined.sents}
    assert set(joins) <= starts

    def near(doc) -> set[int]:
        return {s.start_char for s in doc.sents if any(abs(s.start_char - j) < NEAR_JOIN
                                                       for j in joins)}
    assert near(joined) == near(one_shot)


def test_entities_agree_near_the_joins(long_text, both_parses):
    one_shot, joined = both_parses
    joins = [start for start, _ in chunk_spans(long_text, PIECE)[1:]]

    def near(doc) -> set[tuple[int, int, str]]:
        return {(e.start_char, e.end_char, e.label_) for e in doc.ents
                if any(abs(e.start_char - j) < NEAR_JOIN for j in joins)}
    assert near(joined) == near(one_shot)
    assert near(joined)  # the comparison saw entities


def test_a_paragraph_longer_than_a_piece_is_cut_after_a_sentence(pipeline, long_text):
    one_paragraph = " ".join(long_text.split())  # no line breaks at all
    spans = chunk_spans(one_paragraph, PIECE)
    assert len(spans) > 1
    for start, end in spans[:-1]:
        assert one_paragraph[start:end].rstrip()[-1:] in ".!?”’\")"
    doc = parse(pipeline.nlp, one_paragraph, size=PIECE)
    assert doc.text == one_paragraph
    assert {start for start, _ in spans} <= {s.start_char for s in doc.sents}


def test_text_without_spaces_is_still_covered():
    assert chunk_spans("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]


def test_model_length_limit_does_not_apply(pipeline, long_text, monkeypatch):
    monkeypatch.setattr(pipeline.nlp, "max_length", 2 * PIECE)
    assert len(long_text) > pipeline.nlp.max_length
    assert parse(pipeline.nlp, long_text, size=PIECE).text == long_text


def test_article_length_texts_take_the_one_shot_path(pipeline):
    body = real_bodies()[0]
    assert len(body) <= CHUNK_CHARS and chunk_spans(body) == [(0, len(body))]
    doc = parse(pipeline.nlp, body)
    expected = pipeline.nlp(body)
    assert [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in doc] == \
        [(t.text, t.tag_, t.dep_, t.head.i, t.ent_type_) for t in expected]


def test_parse_many_keeps_order_and_parses_long_texts_in_pieces(pipeline, long_text):
    bodies = real_bodies()
    texts = [bodies[0], long_text, bodies[1], bodies[2]]
    docs = list(parse_many(pipeline.nlp, texts, batch_size=2, size=PIECE))
    assert [doc.text for doc in docs] == texts
    assert [e.text for e in docs[2].ents] == [e.text for e in pipeline.nlp(bodies[1]).ents]


def test_pipeline_spans_are_offsets_into_a_long_text(pipeline, long_text):
    text = "\n\n".join([long_text] * (CHUNK_CHARS // len(long_text) + 1))
    assert len(text) > CHUNK_CHARS
    article = pipeline.run(article_from_text(text, Config(), "long"))
    assert article.text == text
    assert article.times and article.quotes and article.events and article.entities
    for expression in article.times:
        assert text[expression.span[0]:expression.span[1]] == expression.text
    for quote in article.quotes:
        assert quote.text.strip() in text[quote.span[0]:quote.span[1]]
    for entity in article.entities:
        for start, end in entity.mentions:
            assert text[start:end].strip() == text[start:end] != ""
    late = [e for e in article.events if e.span[0] > CHUNK_CHARS]
    assert late and all(e.trigger in text[e.span[0]:e.span[1]] for e in late)
