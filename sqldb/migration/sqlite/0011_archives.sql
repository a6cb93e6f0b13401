-- 归档: while archived_at is set the meeting and its records are read-only.
-- Each archiving stores a package (a .zip in the file store) and keeps a row
-- here; reopening clears archived_at and keeps the packages.
ALTER TABLE meetings ADD COLUMN archived_at TIMESTAMP;
ALTER TABLE meetings ADD COLUMN archived_by TEXT NOT NULL DEFAULT '';

CREATE TABLE archives (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	reason     TEXT NOT NULL DEFAULT '',
	file_key   TEXT NOT NULL,
	sha256     TEXT NOT NULL,
	size       INTEGER NOT NULL,
	files      INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX archives_meeting ON archives (meeting_id, id);
