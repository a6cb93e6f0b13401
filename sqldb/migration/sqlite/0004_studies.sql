-- Study sessions (学习研讨) of a meeting: attendance per roster participant,
-- each participant's 研讨发言/心得, and uploaded materials kept in the file store.
-- Removing a participant from the roster drops their attendance but is refused
-- while they have a note: nothing they wrote is lost.
CREATE TABLE studies (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	held_on    TIMESTAMP NOT NULL,
	topic      TEXT NOT NULL,
	form       TEXT NOT NULL,
	materials  TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX studies_meeting ON studies (meeting_id, held_on);

CREATE TABLE study_attendance (
	study_id       INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	status         TEXT NOT NULL, -- present / leave
	reason         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (study_id, participant_id)
);

CREATE TABLE study_notes (
	study_id       INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL REFERENCES participants (id), -- a note keeps its author on the roster
	body           TEXT NOT NULL,
	updated_at     TIMESTAMP NOT NULL,
	updated_by     TEXT NOT NULL,
	PRIMARY KEY (study_id, participant_id)
);

CREATE TABLE study_files (
	id           INTEGER PRIMARY KEY,
	study_id     INTEGER NOT NULL REFERENCES studies (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	file_key     TEXT NOT NULL UNIQUE,
	uploaded_at  TIMESTAMP NOT NULL,
	uploaded_by  TEXT NOT NULL
);
CREATE INDEX study_files_study ON study_files (study_id);
