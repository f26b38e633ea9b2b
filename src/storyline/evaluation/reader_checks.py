"""What a reader of `storyline stories` sees, checked on a clustered benchmark store.

Figures that no gold set gives but a user notices at once: story titles that are not headlines
(a web address, a timestamp, a dateline, nothing), story "people" whose store-wide type vote says
they are not people, and how many articles whose text opens with their web address had it set
aside and filled into `url`. `storyline eval ecbplus` prints them for the store clustered with
the shipped options in the documents' own order.
"""
from __future__ import annotations

from ..store import Store, name_key
from ..store.entity_queries import voted_types
from ..stories.listing import summaries
from ..stories.titles import usable_headline


def reader_checks(store: Store, addresses: dict[str, str | None]) -> dict:
    """`addresses`: each article id's web address when its text opened with one."""
    db = store.connection
    stories = summaries(store)
    bad_titles = [story["title"] for story in stories if not usable_headline(story["title"])]
    people = [name for story in stories for name in story["people"]]
    votes = voted_types(db, [name_key(name) for name in people])
    not_people = sorted({name for name in people if votes.get(name_key(name)) != "PERSON"})
    filled = dict(db.execute("SELECT id, url FROM articles"))
    expected = {article_id: url for article_id, url in addresses.items() if url}
    found = sum(1 for article_id, url in expected.items()
                if _folded(filled.get(article_id)) == _folded(url))
    return {"stories": len(stories), "titles_not_headlines": bad_titles,
            "people_listed": len(people), "people_not_people": not_people,
            "address_lines": len(expected), "urls_filled": found}


def format_checks(checks: dict) -> list[str]:
    return [f"Reader checks (store clustered with the shipped options, documents' own order): "
            f"{len(checks['titles_not_headlines'])} of {checks['stories']} story titles are not "
            f"headlines; {len(checks['people_not_people'])} of {checks['people_listed']} listed "
            f"people are not people by the store-wide vote"
            + (f" ({', '.join(checks['people_not_people'])})" if checks["people_not_people"]
               else "")
            + f"; {checks['urls_filled']} of {checks['address_lines']} opening address lines "
              f"were set aside and filled into url."]


def _folded(url: str | None) -> str:
    return (url or "").lower().removeprefix("https://").removeprefix("http://").rstrip("/")
