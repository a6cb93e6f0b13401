-- The 审阅/审核 chain of statements: the current state and desk on the
-- statement, one row per step, anchored threaded comments, and in-app
-- notifications.
ALTER TABLE statements ADD COLUMN state TEXT NOT NULL DEFAULT 'draft';
ALTER TABLE statements ADD COLUMN desk TEXT NOT NULL DEFAULT 'author';

CREATE TABLE statement_reviews (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
	user_id      INTEGER NOT NULL DEFAULT 0,
	user_name    TEXT NOT NULL,
	role         TEXT NOT NULL,
	action       TEXT NOT NULL,
	reasons      TEXT NOT NULL DEFAULT '',
	version      INTEGER NOT NULL,
	at           TIMESTAMP NOT NULL
);
CREATE INDEX statement_reviews_statement ON statement_reviews (statement_id, id);

CREATE TABLE statement_comments (
	id           INTEGER PRIMARY KEY,
	statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
	parent_id    INTEGER NOT NULL DEFAULT 0,
	part_index   INTEGER NOT NULL DEFAULT -1,
	section_index INTEGER NOT NULL DEFAULT -1,
	item_index   INTEGER NOT NULL DEFAULT -1,
	range_start  INTEGER NOT NULL DEFAULT 0,
	range_end    INTEGER NOT NULL DEFAULT 0,
	body         TEXT NOT NULL,
	version      INTEGER NOT NULL,
	author_id    INTEGER NOT NULL DEFAULT 0,
	author_name  TEXT NOT NULL,
	resolved     BOOLEAN NOT NULL DEFAULT FALSE,
	created_at   TIMESTAMP NOT NULL
);
CREATE INDEX statement_comments_statement ON statement_comments (statement_id, id);

CREATE TABLE notifications (
	id         INTEGER PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	text       TEXT NOT NULL,
	link       TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	read       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX notifications_user ON notifications (user_id, id);
