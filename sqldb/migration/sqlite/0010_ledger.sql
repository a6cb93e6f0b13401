-- 整改台账: one row per problem to fix, its tasks, progress entries with
-- evidence files (content in the file store), and the 销号 steps. Sources are
-- kept as snapshots (label, excerpt) without foreign keys, so the item stays
-- readable when its statement, opinion or criticism changes. source_key names
-- the source ("statement:12:0:1:2", "opinion:…", "criticism:5",
-- "supervisor:<meeting id>"; "" for items typed in directly): one source becomes
-- one item per meeting, and a carried-over item keeps its key.
CREATE TABLE ledger_items (
	id                  INTEGER PRIMARY KEY,
	meeting_id          INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	seq                 INTEGER NOT NULL,
	aspect              TEXT NOT NULL DEFAULT '',
	problem             TEXT NOT NULL,
	measures            TEXT NOT NULL DEFAULT '',
	source_kind         TEXT NOT NULL,
	source_key          TEXT NOT NULL DEFAULT '',
	source_statement_id INTEGER,
	source_part         INTEGER NOT NULL DEFAULT -1,
	source_section      INTEGER NOT NULL DEFAULT -1,
	source_item         INTEGER NOT NULL DEFAULT -1,
	source_opinion_id   TEXT,
	source_criticism_id INTEGER,
	source_label        TEXT NOT NULL DEFAULT '',
	source_excerpt      TEXT NOT NULL DEFAULT '',
	lead_participant_id INTEGER REFERENCES participants (id), -- 牵头领导: keeps its roster entry
	lead_name           TEXT NOT NULL DEFAULT '',           -- the lead's name when last set
	department          TEXT NOT NULL DEFAULT '',
	owner_user_id       INTEGER REFERENCES users (id),
	owner_name          TEXT NOT NULL,
	deadline_kind       TEXT NOT NULL,                      -- immediate / dated / ongoing
	due                 TIMESTAMP,
	targets             TEXT NOT NULL DEFAULT '[]',         -- JSON list of {text, quantity, unit, period}
	status              TEXT NOT NULL DEFAULT 'open',       -- open / doing / requested / closed
	closed_on           TIMESTAMP,
	overdue_since       TIMESTAMP,                         -- set by the daily check while red
	origin_meeting_id   INTEGER NOT NULL DEFAULT 0,            -- the meeting it was first recorded in, when carried over
	version             INTEGER NOT NULL DEFAULT 1,
	created_at          TIMESTAMP NOT NULL,
	updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX ledger_items_meeting ON ledger_items (meeting_id, seq);
CREATE INDEX ledger_items_owner ON ledger_items (owner_user_id);
CREATE UNIQUE INDEX ledger_items_source ON ledger_items (meeting_id, source_key) WHERE source_key <> '';

CREATE TABLE ledger_tasks (
	id       INTEGER PRIMARY KEY,
	item_id  INTEGER NOT NULL REFERENCES ledger_items (id) ON DELETE CASCADE,
	position INTEGER NOT NULL,
	text     TEXT NOT NULL,
	owner    TEXT NOT NULL DEFAULT '',
	due      TIMESTAMP,
	done     BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ledger_tasks_item ON ledger_tasks (item_id, position);

CREATE TABLE ledger_progress (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES ledger_items (id) ON DELETE CASCADE,
	task_id      INTEGER REFERENCES ledger_tasks (id) ON DELETE SET NULL,
	target_index INTEGER NOT NULL DEFAULT -1,
	on_date      TIMESTAMP NOT NULL,
	text         TEXT NOT NULL,
	quantity     INTEGER NOT NULL DEFAULT 0,
	by_name      TEXT NOT NULL,
	by_user_id   INTEGER NOT NULL DEFAULT 0,
	created_at   TIMESTAMP NOT NULL
);
CREATE INDEX ledger_progress_item ON ledger_progress (item_id, on_date);

CREATE TABLE ledger_evidence (
	id           INTEGER PRIMARY KEY,
	item_id      INTEGER NOT NULL REFERENCES ledger_items (id) ON DELETE CASCADE,
	progress_id  INTEGER NOT NULL REFERENCES ledger_progress (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	file_key     TEXT NOT NULL UNIQUE,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	uploaded_by  TEXT NOT NULL,
	uploaded_at  TIMESTAMP NOT NULL
);
CREATE INDEX ledger_evidence_item ON ledger_evidence (item_id, progress_id);

CREATE TABLE ledger_closeouts (
	id         INTEGER PRIMARY KEY,
	item_id    INTEGER NOT NULL REFERENCES ledger_items (id) ON DELETE CASCADE,
	action     TEXT NOT NULL, -- request / approve / return
	reasons    TEXT NOT NULL DEFAULT '',
	by_name    TEXT NOT NULL,
	by_user_id INTEGER NOT NULL DEFAULT 0,
	at         TIMESTAMP NOT NULL
);
CREATE INDEX ledger_closeouts_item ON ledger_closeouts (item_id, id);
