-- 征求意见: solicitations, their one-time codes (only a hash, with a used flag),
-- unit form links and the opinions. Opinions hold no account, session, address,
-- browser or time; their ids are random and WITHOUT ROWID keeps no hidden
-- insertion order. Codes and opinions share no key.
CREATE TABLE solicitations (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	title      TEXT NOT NULL,
	opens_on   TIMESTAMP NOT NULL,
	closes_on  TIMESTAMP NOT NULL,
	threshold  INTEGER NOT NULL,
	released   BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX solicitations_meeting ON solicitations (meeting_id);

CREATE TABLE solicitation_codes (
	hash            TEXT PRIMARY KEY,
	solicitation_id INTEGER NOT NULL REFERENCES solicitations (id) ON DELETE CASCADE,
	unit            TEXT NOT NULL DEFAULT '',
	used            BOOLEAN NOT NULL DEFAULT FALSE
) WITHOUT ROWID;
CREATE INDEX solicitation_codes_solicitation ON solicitation_codes (solicitation_id, used);

CREATE TABLE unit_forms (
	id              INTEGER PRIMARY KEY,
	solicitation_id INTEGER NOT NULL REFERENCES solicitations (id) ON DELETE CASCADE,
	unit            TEXT NOT NULL,
	token           TEXT NOT NULL UNIQUE,
	submissions     INTEGER NOT NULL DEFAULT 0,
	UNIQUE (solicitation_id, unit)
);

CREATE TABLE opinions (
	id              TEXT PRIMARY KEY,
	solicitation_id INTEGER NOT NULL REFERENCES solicitations (id) ON DELETE CASCADE,
	channel         TEXT NOT NULL,
	unit            TEXT NOT NULL DEFAULT '',
	participant_id  INTEGER NOT NULL DEFAULT 0,
	aspect_index    INTEGER NOT NULL DEFAULT -1,
	body            TEXT NOT NULL,
	status          TEXT NOT NULL DEFAULT '',
	merged_into     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX opinions_solicitation ON opinions (solicitation_id);
