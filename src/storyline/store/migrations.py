"""The store's schema, as named migrations applied once each and in order.

Each migration is ``(name, sql)``. `apply` runs the ones a database has not recorded yet, each
in its own transaction together with its row in the `migrations` table, so a crash never leaves
half a migration. Never edit a migration that has shipped: add a new one.
"""
from __future__ import annotations

import sqlite3

INITIAL = """
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE            -- the outlet: a web host, or the input it came from
);

CREATE TABLE stories (                   -- a story's articles point to it (articles.story_id)
    id INTEGER PRIMARY KEY,
    first_date TEXT,                     -- earliest publication date of its articles
    last_date TEXT,
    article_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id INTEGER REFERENCES sources(id),
    story_id INTEGER REFERENCES stories(id),
    source_kind TEXT NOT NULL,
    location TEXT,
    url TEXT,
    headline TEXT,
    byline TEXT NOT NULL DEFAULT '[]',   -- JSON list of names
    published TEXT,
    published_basis TEXT,
    published_confidence REAL,
    published_evidence TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    text TEXT NOT NULL,
    paragraphs TEXT NOT NULL DEFAULT '[]',   -- JSON list of [start, end]
    removed TEXT NOT NULL DEFAULT '[]',      -- JSON list of removed items
    warnings TEXT NOT NULL DEFAULT '[]',
    -- Counts of the child rows written with the article, to check that none is missing.
    entity_count INTEGER NOT NULL,
    time_count INTEGER NOT NULL,
    quote_count INTEGER NOT NULL,
    event_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_story ON articles(story_id, published);
CREATE INDEX articles_source ON articles(source_id);

CREATE TABLE entities (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL,              -- the id inside its article ("e2")
    name TEXT NOT NULL,
    key TEXT NOT NULL,                   -- folded name, the same across articles
    type TEXT NOT NULL,
    kind TEXT,
    descriptors TEXT NOT NULL DEFAULT '[]',
    aliases TEXT NOT NULL DEFAULT '[]',
    UNIQUE (article_pk, local_id)
);
CREATE INDEX entities_key ON entities(key);

CREATE TABLE entity_names (              -- every name and alias, folded, for lookups
    entity_pk INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    name_key TEXT NOT NULL,
    PRIMARY KEY (name_key, entity_pk)
) WITHOUT ROWID;

CREATE TABLE mentions (
    entity_pk INTEGER NOT NULL REFERENCES entities(pk) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (entity_pk, start)
) WITHOUT ROWID;

CREATE TABLE times (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchor TEXT
);
CREATE INDEX times_article ON times(article_pk);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,                        -- entity local id in the same article
    speakers TEXT NOT NULL DEFAULT '[]',
    speaker_text TEXT,
    cue TEXT,
    addressee TEXT,
    time TEXT,
    UNIQUE (article_pk, local_id)
);

CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    local_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    trigger TEXT,
    time_value TEXT,
    time_start INTEGER,
    time_end INTEGER,
    time_basis TEXT,
    place TEXT,
    modality TEXT,
    UNIQUE (article_pk, local_id)
);
CREATE INDEX events_time ON events(time_value);

CREATE TABLE participants (
    event_pk INTEGER NOT NULL REFERENCES events(pk) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    entity TEXT NOT NULL,                -- entity local id in the same article
    role TEXT NOT NULL,
    PRIMARY KEY (event_pk, position)
) WITHOUT ROWID;
"""

FULL_TEXT = """
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, text, content='articles', content_rowid='pk', tokenize='porter unicode61');
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, headline, text) VALUES (new.pk, new.headline, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, headline, text)
    VALUES ('delete', old.pk, old.headline, old.text);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_text, content='quotes', content_rowid='pk', tokenize='porter unicode61');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, text, speaker_text) VALUES (new.pk, new.text, new.speaker_text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_text)
    VALUES ('delete', old.pk, old.text, old.speaker_text);
END;
"""

# Online story clustering: document frequencies for TF-IDF, each article's signature, the
# inverted index (key -> articles) that blocks candidates so no article meets every article,
# and the nearest-neighbour lists whose links make the stories (connected components).
CLUSTERING = """
CREATE TABLE term_df (
    term TEXT PRIMARY KEY,               -- 't:' word or 'e:' entity key
    df INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE article_features (          -- each article's signature (TF-IDF at arrival)
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    key TEXT NOT NULL,
    weight REAL NOT NULL,
    PRIMARY KEY (article_pk, key)
) WITHOUT ROWID;

CREATE TABLE key_index (                 -- blocking: an article's strongest keys
    key TEXT NOT NULL,
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (key, article_pk)
) WITHOUT ROWID;

CREATE TABLE neighbors (                 -- each article's nearest earlier-or-later articles
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    neighbor_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    similarity REAL NOT NULL,
    PRIMARY KEY (article_pk, neighbor_pk)
) WITHOUT ROWID;
CREATE INDEX neighbors_reverse ON neighbors(neighbor_pk);

CREATE TABLE assignments (               -- the story each article joined on arrival, and why
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    similarity REAL NOT NULL,            -- its best link (0 when it started a story)
    candidates INTEGER NOT NULL,         -- articles compared in full after blocking
    started INTEGER NOT NULL
);
"""

# Signatures as one row per article (read whole for every comparison) instead of one row per key.
SIGNATURES = """
CREATE TABLE signatures (
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    terms TEXT NOT NULL,                 -- JSON object: 't:' word -> TF-IDF weight (unit length)
    entities TEXT NOT NULL               -- JSON object: 'e:' entity key -> weight (unit length)
);
INSERT INTO signatures (article_pk, terms, entities)
    SELECT article_pk,
           coalesce(json_group_object(key, weight) FILTER (WHERE key LIKE 't:%'), '{}'),
           coalesce(json_group_object(key, weight) FILTER (WHERE key LIKE 'e:%'), '{}')
    FROM article_features GROUP BY article_pk;
DROP TABLE article_features;
"""

# The stages an article did not run, with the reason (the English-only ones on a French
# article): JSON list of {"stage", "reason"}. Stored articles from before ran every stage.
SKIPPED_STAGES = """
ALTER TABLE articles ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
"""

# Wire copies (`stories/copies.py`): each article's MinHash, its LSH band keys (indexed, so
# finding an earlier near-duplicate reads a few rows, never the store), and each copy's root
# original. A copy has no nearest-neighbour links of its own, so the trigger moves a root's
# copies with it whenever clustering moves the root to another story (a merge or a split).
COPIES = """
CREATE TABLE minhashes (
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    signature BLOB NOT NULL              -- the MinHash: 126 little-endian uint32 values
);

CREATE TABLE copy_bands (
    key INTEGER NOT NULL,                -- one band of the MinHash, hashed
    article_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,
    PRIMARY KEY (key, article_pk)
) WITHOUT ROWID;

CREATE TABLE copies (
    article_pk INTEGER PRIMARY KEY REFERENCES articles(pk) ON DELETE CASCADE,
    original_pk INTEGER NOT NULL REFERENCES articles(pk) ON DELETE CASCADE,  -- the root
    similarity REAL NOT NULL             -- estimated Jaccard of the word shingles
);
CREATE INDEX copies_original ON copies(original_pk);

CREATE TRIGGER copies_follow_original AFTER UPDATE OF story_id ON articles
WHEN NEW.story_id IS NOT OLD.story_id BEGIN
    UPDATE articles SET story_id = NEW.story_id
    WHERE pk IN (SELECT article_pk FROM copies WHERE original_pk = NEW.pk);
END;
"""

# Threads (`stories/threads.py`): a long-running story above its incidents. Threads are relinked
# after a batch once the store has grown enough; a story belongs to one thread at most, and leaves it when clustering removes
# the story (a merge), through the cascade.
THREADS = """
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    first_date TEXT,                     -- earliest publication date of its stories
    last_date TEXT,
    story_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE thread_stories (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
    similarity REAL NOT NULL             -- the story's best link into the thread
);
CREATE INDEX thread_stories_thread ON thread_stories(thread_id);
"""

# Each story's summed article signature (stories/centroids.py): whole-story similarities in one
# product. Stories from before get theirs rebuilt from their members when first needed.
STORY_VECTORS = """
CREATE TABLE story_vectors (
    story_id INTEGER PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
    terms TEXT NOT NULL,                 -- JSON object: summed 't:' weights, heaviest kept
    entities TEXT NOT NULL,              -- JSON object: summed 'e:' weights, heaviest kept
    members INTEGER NOT NULL
);
"""

# Between relinks, a story that clustering merges into another, or splits off from a story in
# a thread, keeps the thread: the articles that move take their story's membership along to a
# story that has none (a merge's survivor, a split's new part), so a thread never loses articles
# until the next relink places them again.
THREADS_FOLLOW_MOVES = """
CREATE TRIGGER thread_follows_moved_articles AFTER UPDATE OF story_id ON articles
WHEN OLD.story_id IS NOT NULL AND NEW.story_id IS NOT NULL AND NEW.story_id != OLD.story_id
BEGIN
    INSERT OR IGNORE INTO thread_stories (story_id, thread_id, similarity)
    SELECT NEW.story_id, thread_id, similarity FROM thread_stories
    WHERE story_id = OLD.story_id;
END;
"""

# The store-wide type vote over each name's records (`entity_queries.voted_types`), kept as
# running sums: a record weighs as many distinct mentions as it has (at least one). Clustering
# reads it for every new article, so it must not recount a common name's thousands of records
# each time. Stores from before get their sums from the records they hold.
ENTITY_TYPE_VOTES = """
CREATE TABLE entity_type_votes (
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    weight INTEGER NOT NULL,             -- summed mentions, each record at least one
    records INTEGER NOT NULL,
    PRIMARY KEY (key, type)
) WITHOUT ROWID;
INSERT INTO entity_type_votes (key, type, weight, records)
SELECT key, type, sum(weight), count(*) FROM (
    SELECT e.key, e.type, max(1, (SELECT count(*) FROM mentions m WHERE m.entity_pk = e.pk))
    AS weight FROM entities e)
GROUP BY key, type;
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", INITIAL),
    ("0002_full_text", FULL_TEXT),
    ("0003_clustering", CLUSTERING),
    ("0004_signatures", SIGNATURES),
    ("0005_skipped_stages", SKIPPED_STAGES),
    ("0006_copies", COPIES),
    ("0007_threads", THREADS),
    ("0009_story_vectors", STORY_VECTORS),
    ("0010_threads_follow_moves", THREADS_FOLLOW_MOVES),
    ("0011_entity_type_votes", ENTITY_TYPE_VOTES),
)


def apply(connection: sqlite3.Connection,
          migrations: tuple[tuple[str, str], ...] = MIGRATIONS) -> list[str]:
    """Run every migration this database lacks, in order; return the names applied.

    Each runs in its own ``BEGIN IMMEDIATE`` transaction that re-checks the record first, so
    two processes opening one new file at once apply each migration exactly once.
    """
    connection.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, "
                       "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))")
    connection.commit()
    names = []
    for name, sql in migrations:
        connection.execute("BEGIN IMMEDIATE")
        try:
            if connection.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                connection.execute("ROLLBACK")
                continue
            for statement in statements(sql):
                connection.execute(statement)
            connection.execute("INSERT INTO migrations(name) VALUES (?)", (name,))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        names.append(name)
    return names


def applied(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute("SELECT name FROM migrations ORDER BY rowid")]


def statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers with their inner `;` stay whole)."""
    found, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        found.append(buffer.strip())
    return found
