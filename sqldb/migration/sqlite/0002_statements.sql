-- Statements (对照检查材料) held as structure (JSON of jingzi.Statement), with
-- every saved version kept.
CREATE TABLE statements (
	id             INTEGER PRIMARY KEY,
	meeting_id     INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL DEFAULT 0, -- 0 for the team's statement
	title          TEXT NOT NULL,
	version        INTEGER NOT NULL,
	body           TEXT NOT NULL,
	updated_at     TIMESTAMP NOT NULL,
	updated_by     TEXT NOT NULL,
	UNIQUE (meeting_id, participant_id)
);

CREATE TABLE statement_versions (
	statement_id INTEGER NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	body         TEXT NOT NULL,
	saved_at     TIMESTAMP NOT NULL,
	saved_by     TEXT NOT NULL,
	note         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (statement_id, version)
);

CREATE UNIQUE INDEX frameworks_org_key ON frameworks (COALESCE(org_id, 0), key);
