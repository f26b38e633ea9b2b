"""The language check: English news of any layout stays English, other languages are named,
and a non-English article is read, recorded with its skipped stages, stored and found."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import SCHEMA, SHARED, shared_file
from storyline import Config
from storyline.clean.language import (ENGLISH_FLOOR, check_language, identify_language,
                                      language_probabilities)
from storyline.errors import UnsupportedLanguage
from storyline.evaluation.conll import read_documents
from storyline.pipeline import AFTER_PARSE, stage_name
from storyline.record import Article, SkippedStage
from storyline.store import migrations
from storyline.vocab.language import CANDIDATE_LANGUAGES, TO_ISO_639_1

STORYLINE = [sys.executable, "-m", "storyline.cli"]
TESTA = SHARED / "data" / "conll2003" / "eng.testa"
ENGLISH_ONLY = ["parse", "entities", "times", "quotes", "events"]

# News as the agencies write it, in French, Spanish, German, Italian and Portuguese.
FRENCH = (
    "La Banque centrale européenne maintient ses taux, la croissance ralentit en zone euro\n\n"
    "FRANCFORT, 12 septembre (AFP) - La Banque centrale européenne (BCE) a laissé jeudi ses taux "
    "directeurs inchangés pour la troisième réunion consécutive, jugeant que l'inflation "
    "reculait « conformément aux attentes » malgré une croissance plus faible que prévu dans la "
    "zone euro.\n\n"
    "« Le Conseil des gouverneurs est déterminé à assurer un retour rapide de l'inflation à son "
    "objectif de 2 % à moyen terme », a déclaré sa présidente lors d'une conférence de presse à "
    "Francfort. Les marchés, qui anticipaient cette décision, ont peu réagi, l'euro cédant 0,2 % "
    "face au dollar en fin de séance.\n\n"
    "Selon les nouvelles projections des économistes de l'institution, le produit intérieur brut "
    "de la zone euro progresserait de 0,8 % cette année, contre 0,9 % attendu en juin.")
SPANISH = (
    "MADRID, 3 mar (EFE).- El Gobierno aprobó este martes en el Consejo de Ministros el "
    "proyecto de ley de vivienda, que limitará la subida de los alquileres en las zonas "
    "tensionadas y obligará a los grandes propietarios a ofrecer contratos de al menos cinco "
    "años, informaron fuentes del Ejecutivo.\n\n"
    "La ministra de Transportes defendió en rueda de prensa que la norma \"protege a las "
    "familias\" y recordó que el precio medio del alquiler ha subido un 7 % en el último año, "
    "según los datos del Instituto Nacional de Estadística. La oposición anunció que recurrirá "
    "la ley ante el Tribunal Constitucional.")
GERMAN = (
    "Berlin (dpa) - Die Bundesregierung hat sich nach wochenlangem Streit auf einen Haushalt "
    "für das kommende Jahr geeinigt. Wie ein Regierungssprecher am Freitag mitteilte, sollen "
    "die Ausgaben für Verteidigung und Bildung steigen, während bei den Subventionen für "
    "Unternehmen gespart werden soll.\n\n"
    "Der Finanzminister sprach von einem \"tragfähigen Kompromiss\". Die Opposition im "
    "Bundestag kritisierte den Entwurf dagegen als unsolide und kündigte an, in den "
    "Haushaltsberatungen im Herbst zahlreiche Änderungsanträge einzubringen.")
ITALIAN = (
    "ROMA, 18 nov (ANSA) - Il Consiglio dei ministri ha approvato nella notte la legge di "
    "bilancio, che prevede un taglio del cuneo fiscale per i redditi medio-bassi e nuove "
    "risorse per la sanità pubblica. Lo ha annunciato il presidente del Consiglio al termine "
    "della riunione, parlando di una manovra \"seria e prudente\". I sindacati hanno "
    "confermato lo sciopero generale previsto per venerdì prossimo.")
PORTUGUESE = (
    "BRASÍLIA, 7 Jun (Reuters) - O Banco Central manteve nesta quarta-feira a taxa básica de "
    "juros em 13,75% ao ano pela sétima reunião seguida, em decisão unânime do Comitê de "
    "Política Monetária, e sinalizou que pode iniciar cortes a partir de agosto caso a "
    "inflação continue a desacelerar, segundo comunicado divulgado após o encontro.")


def conll_documents() -> dict[str, str]:
    """eng.testa's documents by headline."""
    return {text.split("\n")[0]: text for text in
            (document.text for document in read_documents(str(shared_file(TESTA))))}


@pytest.mark.parametrize("headline", [
    "ATHLETICS - BERLIN GRAND PRIX RESULTS .",
    "SOCCER - YUGOSLAV LEAGUE RESULTS / STANDINGS .",
    "CYCLING - TOUR OF NETHERLANDS FINAL RESULTS / STANDINGS .",
    "BASEBALL - MAJOR LEAGUE STANDINGS AFTER THURSDAY 'S GAMES .",
    "CRICKET - AUSTRALIA V SRI LANKA SCOREBOARD .",
    "PRESALE - Bay Co Bldg Auth , Mich ..",
])
def test_conll_results_and_tables_are_english(headline):
    assert identify_language(conll_documents()[headline]) == "en"


def test_no_conll_document_is_called_another_language():
    others = {headline: identify_language(text) for headline, text in conll_documents().items()}
    assert len(others) > 200
    assert {headline: code for headline, code in others.items() if code != "en"} == {}


@pytest.mark.parametrize("brief", [
    "Italy 's Dini meets Burundi negotiator Nyerere .",
    "PRESS DIGEST - Tunisia - Aug 31 .",
    "SOCCER - U.S. BEAT EL SALVADOR 3-1 .",
    "Fire destroys restaurant in Bahraini village .",
    "Pohang 3 Ulsan 2 ( halftime 1-0 )",
    "AMT : 1,200,000 DATE : 09/05/96 NYC Time : 1600 CUSIP : 072261",
    "JOHANNESBURG | Fri May 20 , 2011 9:36 am BST JOHANNESBURG -LRB- Reuters -RRB- - "
    "South Africa 's ruling ANC won the most votes in local elections .",
    "Stocks slipped on Wall Street on Tuesday as investors weighed the Fed's next move.",
    "Man charged",
])
def test_one_line_english_briefs_are_english(brief):
    assert identify_language(brief) == "en"


@pytest.mark.parametrize("text, code", [
    (FRENCH, "fr"), (SPANISH, "es"), (GERMAN, "de"), (ITALIAN, "it"), (PORTUGUESE, "pt"),
    ("Grève à la SNCF : le trafic perturbé lundi", "fr"),
    ("Muere el escritor Javier Marías a los 70 años", "es"),
    ("Правительство России объявило о новых мерах поддержки экономики", "ru"),
    ("東京で震度5強の地震、けが人の情報なし", "ja"),
])
def test_other_languages_are_named(text, code):
    assert identify_language(text) == code


def test_the_rule_favours_english_and_leaves_an_unclear_rival_undetermined():
    text = "A text long enough to be judged by the model given here."
    assert identify_language(text, lambda _: {"en": ENGLISH_FLOOR, "fr": 0.99}) == "en"
    assert identify_language(text, lambda _: {"en": 0.001, "fr": 0.3, "es": 0.699}) == "es"
    assert identify_language(text, lambda _: {"en": 0.001, "fr": 0.45, "es": 0.449}) == "und"


def test_probabilities_are_over_candidates_by_iso_639_1_code():
    import py3langid

    labels = set(dict(py3langid.rank("x")))
    assert CANDIDATE_LANGUAGES <= labels
    assert not {"pcm", "la", "eo", "zxx"} & CANDIDATE_LANGUAGES  # English-like rivals left out
    probabilities = language_probabilities(FRENCH)
    assert sum(probabilities.values()) == pytest.approx(1.0)
    assert not set(TO_ISO_639_1) & set(probabilities)
    assert all(len(code) == 2 for code in probabilities)
    assert max(probabilities, key=probabilities.get) == "fr"


def test_check_language_keeps_or_refuses_as_configured():
    article = check_language(Article(raw=GERMAN, text=GERMAN), Config())
    assert article.language == "de"
    with pytest.raises(UnsupportedLanguage) as refused:
        check_language(Article(raw=GERMAN, text=GERMAN), Config(require_english=True))
    assert refused.value.exit_code == 7 and "not English (de)" in str(refused.value)
    english = check_language(Article(raw=FRENCH, text="The council met on Monday."),
                             Config(require_english=True))
    assert english.language == "en"


def test_pipeline_skips_english_stages_only_on_the_foreign_article(pipeline):
    from storyline.inputs.read import article_from_text

    english_text = ("The mayor of Riverton, Elena Vasquez, said on Monday that the city would "
                    "reopen the Mill Street bridge in May. \"We owe it to the people who cross "
                    "it every day,\" Vasquez told reporters.")
    config = Config()
    english, french = pipeline.run_many([article_from_text(english_text, config),
                                         article_from_text(FRENCH, config)])
    assert english.language == "en" and english.skipped == [] and english.entities
    assert french.language == "fr" and french.text and french.headline
    assert (french.entities, french.times, french.quotes, french.events) == ([], [], [], [])
    assert [item.stage for item in french.skipped] == ENGLISH_ONLY
    assert ENGLISH_ONLY[1:] == [stage_name(stage) for stage in AFTER_PARSE]
    assert all(item.reason == "not English (fr); the stage needs the English model"
               for item in french.skipped)
    single = pipeline.run(article_from_text(SPANISH, config))
    assert single.language == "es" and len(single.skipped) == 5 and single.doc is None
    assert english.to_json()["skipped"] == []


def test_components_skip_a_foreign_doc():
    from storyline.components import add_storyline_components
    from storyline.nlp import load_language

    nlp = add_storyline_components(load_language(Config()))
    article = nlp(GERMAN)._.storyline
    assert article.language == "de" and article.entities == []
    assert [item.stage for item in article.skipped] == [
        "storyline_entities", "storyline_times", "storyline_quotes", "storyline_events"]
    assert nlp("Elena Vasquez, the mayor of Riverton, spoke on Monday.")._.storyline.entities


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*STORYLINE, *args], capture_output=True, timeout=180)


@pytest.fixture
def french_file(tmp_path):
    path = tmp_path / "bce.txt"
    path.write_text(FRENCH, encoding="utf-8")
    return path


def test_cli_reads_a_french_article_and_records_the_skipped_stages(french_file):
    import jsonschema

    result = run("extract", str(french_file), "--format", "json")
    assert result.returncode == 0, result.stderr.decode()
    record = json.loads(result.stdout)
    jsonschema.validate(record, json.loads(shared_file(SCHEMA).read_text(encoding="utf-8")))
    assert record["language"] == "fr"
    assert record["headline"].startswith("La Banque centrale européenne maintient ses taux")
    assert "« Le Conseil des gouverneurs" in record["text"]
    assert (record["entities"], record["times"], record["quotes"], record["events"]) == \
        ([], [], [], [])
    assert [item["stage"] for item in record["skipped"]] == ENGLISH_ONLY
    report = run("extract", str(french_file), "--format", "md").stdout.decode()
    assert "## Stages skipped" in report and "not English (fr)" in report


def test_cli_refuses_a_french_article_with_require_english(french_file):
    result = run("extract", str(french_file), "--require-english")
    stderr = result.stderr.decode()
    assert result.returncode == 7, stderr
    assert "not English (fr)" in stderr and len(stderr.strip().splitlines()) == 1
    assert result.stdout == b""


def test_a_foreign_article_is_stored_searched_and_in_a_story(tmp_path, french_file):
    from storyline.store import Store

    db = tmp_path / "stories.db"
    english = tmp_path / "bridge.txt"
    english.write_text("Riverton council votes to close the Mill Street bridge\n\nThe council of "
                       "Riverton voted on Monday to close the Mill Street bridge for repairs, "
                       "Mayor Elena Vasquez said.", encoding="utf-8")
    for path in (french_file, english):
        result = run("ingest", str(path), "--db", str(db), "--quiet")
        assert result.returncode == 0, result.stderr.decode()
    found = run("stories", "--db", str(db), "--search", "gouverneurs", "--format", "json")
    assert found.returncode == 0, found.stderr.decode()
    (story,) = json.loads(found.stdout)["stories"]
    with Store(db) as store:
        (article_id,) = story["articles"]
        stored = store.article(article_id)
        assert stored.language == "fr" and stored.entities == []
        assert [item.stage for item in stored.skipped] == ENGLISH_ONLY
        assert store.problems() == []
        placed = store.connection.execute(
            "SELECT count(*) FROM articles WHERE story_id IS NOT NULL").fetchone()[0]
        assert placed == 2


def test_the_skipped_stages_migration_gives_stored_articles_none(tmp_path):
    connection = sqlite3.connect(tmp_path / "old.db", isolation_level=None)
    migrations.apply(connection, migrations.MIGRATIONS[:4])
    connection.execute("INSERT INTO articles (id, source_kind, text, entity_count, time_count, "
                       "quote_count, event_count) VALUES ('a', 'text', 'x', 0, 0, 0, 0)")
    assert migrations.apply(connection, migrations.MIGRATIONS[:5]) == ["0005_skipped_stages"]
    assert connection.execute("SELECT skipped FROM articles").fetchone()[0] == "[]"
    connection.close()


def test_skipped_stages_round_trip_through_the_store(tmp_path):
    from storyline.store import Store

    article = Article(raw=GERMAN, text=GERMAN, id="de-1", language="de",
                      paragraphs=[(0, len(GERMAN))],
                      skipped=[SkippedStage("parse", "not English (de)")])
    with Store(tmp_path / "s.db") as store:
        store.insert_article(article)
        assert store.article("de-1").to_json() == article.to_json()
