"""Definite descriptions ("the actor", "the company", "the two men") resolved to entities.

The founding sample checks the roles it must give and the ones it must not; wire-style
sentences check one rule each, negative cases included: no compatible entity gives nothing,
a plural never stands for one person, an office ("the judge") is someone new unless the
article already gave that role, "the president" never takes an organisation.
"""
from __future__ import annotations

import pytest

from storyline import Config
from storyline.entities.descriptions import resolve_descriptions
from storyline.entities.resolve import resolve_entities
from storyline.record import Article

from conftest import real_bodies


def resolved(pipeline, text: str) -> Article:
    article = Article(raw=text, text=text, paragraphs=[(0, len(text))], doc=pipeline.nlp(text))
    return resolve_entities(article, Config())


def descriptions(article: Article) -> dict[str, list[list[str]]]:
    """Each description's words (lowercased) -> the names it stood for, in text order."""
    names = {entity.id: entity.name for entity in article.entities}
    found: dict[str, list[list[str]]] = {}
    for description in resolve_descriptions(article.doc, article.entities):
        found.setdefault(description.text.lower(), []).append(
            [names[e] for e in description.entities])
    return found


def person(article: Article, surname: str):
    found = [e for e in article.entities if e.type == "PERSON" and e.name.endswith(surname)]
    assert len(found) == 1, [(e.name, e.type) for e in article.entities]
    return found[0]


@pytest.fixture(scope="module")
def sample(pipeline, sample_text) -> Article:
    return resolved(pipeline, sample_text)


# The founding sample -----------------------------------------------------------------------

@pytest.mark.parametrize("role", ["actor", "producer"])
def test_sample_baldwin_gets_his_roles(sample, role):
    assert role in person(sample, "Alec Baldwin").descriptors


@pytest.mark.parametrize("surname, role", [
    ("Halyna Hutchins", "actor"),            # the nearest person, but a cinematographer
    ("Hannah Gutierrez Reed", "district attorney"),
    ("Luke Nikas", "district attorney"),     # an attorney, not the district attorney
    ("Alex Spiro", "district attorney"),
    ("Kari T. Morrissey", "actor"),
    ("Anjul Nigam", "actor"),
])
def test_sample_nobody_else_gets_a_wrong_role(sample, surname, role):
    assert role not in person(sample, surname).descriptors


def test_sample_every_the_actor_is_baldwin(sample):
    found = descriptions(sample)
    assert len(found["the actor"]) >= 4
    assert all(names == ["Alec Baldwin"] for names in found["the actor"])
    assert found["the embattled actor"] == [["Alec Baldwin"]]
    assert found["one of its producers"] == [["Alec Baldwin"]]


def test_sample_unnamed_district_attorney_stays_unresolved(sample):
    assert "the district attorney" not in descriptions(sample)


def test_sample_descriptors_are_unique(sample):
    for entity in sample.entities:
        assert len(entity.descriptors) == len(set(entity.descriptors)), entity


# Wire phrasing -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, words, names", [
    ("Shares of Acme Corp. fell 8% on Monday. The company said it would cut 200 jobs.",
     "the company", ["Acme Corp."]),
    ("Police said Daniel Moreno shot a neighbor on Sunday. The 42-year-old was arrested at "
     "his home.", "the 42-year-old", ["Daniel Moreno"]),
    ("Daniel Moreno and Peter Hale were arrested on Sunday near the border. The two men were "
     "charged with smuggling.", "the two men", ["Daniel Moreno", "Peter Hale"]),
    ("Special prosecutors Kari Morrissey and Jason Lewis filed the motion on Friday. The "
     "prosecutors said the case would go on.", "the prosecutors", ["Kari Morrissey", "Jason Lewis"]),
    ("Senator Joan Pike spoke to voters in Ohio on Tuesday. The senator promised lower taxes.",
     "the senator", ["Joan Pike"]),
    ("Singer Maria Lopez canceled her tour on Monday. The singer cited exhaustion.",
     "the singer", ["Maria Lopez"]),
    ("Maria Lopez canceled her European tour on Monday, weeks before its first date. The "
     "singer cited exhaustion.", "the singer", ["Maria Lopez"]),
])
def test_wire_descriptions_resolve(pipeline, text, words, names):
    assert descriptions(resolved(pipeline, text))[words] == [names]


def test_role_enters_the_descriptors(pipeline):
    article = resolved(pipeline, "Maria Lopez canceled her European tour on Monday, weeks "
                                 "before its first date. The singer cited exhaustion.")
    assert "singer" in person(article, "Lopez").descriptors


@pytest.mark.parametrize("text, role", [
    ("Tom Ward, who directed the film and is one of its producers, declined to comment.",
     "producer"),
    ("Tom Ward is a producer of the series, which returns in May.", "producer"),
])
def test_copula_predicates_give_the_role(pipeline, text, role):
    assert role in person(resolved(pipeline, text), "Ward").descriptors


# Negative cases ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    # no compatible entity: only an organisation and a place before "the actor"
    ("Acme Corp. opened a studio in Ohio on Monday. The actor arrived later.", "the actor"),
    # a plural never stands for one person
    ("Daniel Moreno was arrested on Sunday. The two men were charged.", "the two men"),
    ("Prosecutor Kari Morrissey filed the motion. The prosecutors said the case would go on.",
     "the prosecutors"),
    # an office no one was given is someone new
    ("Tom Ward appeared in court on Monday. The judge set bail at $10,000.", "the judge"),
    ("Tom Ward resigned on Monday. The district attorney declined to comment.",
     "the district attorney"),
    # "the president" never takes an organisation
    ("Acme Corp. cut 200 jobs on Monday. The president said sales had fallen.", "the president"),
    # one who is not named yet: restrictive and selecting descriptions say which one
    ("Maria Lopez spoke first. The only candidate who refused was absent.", "the only candidate"),
    # "the woman" takes no one the text does not call a woman
    ("Tom Ward spoke on Monday. The woman said she had seen the crash.", "the woman"),
])
def test_descriptions_that_stay_unresolved(pipeline, text, words):
    assert words not in descriptions(resolved(pipeline, text))


def test_the_president_takes_the_person_called_so(pipeline):
    article = resolved(pipeline, "Acme Corp. hosted President Joan Pike on Monday. The "
                                 "president said sales had fallen.")
    assert descriptions(article)["the president"] == [["Joan Pike"]]


def test_an_exclusive_role_blocks_another(pipeline):
    article = resolved(pipeline, "Cinematographer Halyna Hutchins was killed on the set. "
                                 "The actor was not charged.")
    assert "the actor" not in descriptions(article)
    assert "actor" not in person(article, "Hutchins").descriptors


@pytest.mark.parametrize("number", range(len(real_bodies())))
def test_real_articles_resolve_to_compatible_entities(pipeline, number):
    """On real articles: every resolution is of the type its noun says, and a plural stands
    for two or more entities."""
    article = resolved(pipeline, real_bodies()[number])
    types = {entity.id: entity.type for entity in article.entities}
    for description in resolve_descriptions(article.doc, article.entities):
        assert all(types[e] == description.type for e in description.entities), description
        assert len(description.entities) >= 2 if description.plural else \
            len(description.entities) == 1, description
