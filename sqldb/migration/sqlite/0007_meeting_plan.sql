-- The meeting's plan: how many days ahead the theme goes to the superior, when
-- it went, an optimistic-lock version, and the superior's reviewers and 督导.
ALTER TABLE meetings ADD COLUMN report_days INTEGER NOT NULL DEFAULT 15;
ALTER TABLE meetings ADD COLUMN reported_on TIMESTAMP;
ALTER TABLE meetings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE meeting_reviewers (
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users (id),
	supervisor BOOLEAN NOT NULL DEFAULT FALSE, -- 督导 rather than 审核人
	position   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (meeting_id, user_id, supervisor)
);

-- A removed participant's id is never given to a new one: records of other
-- nouns may still name it. SQLite reuses the largest rowid after a delete, so
-- participant ids come from this AUTOINCREMENT counter (PostgreSQL's identity
-- never reuses).
CREATE TABLE participant_ids (id INTEGER PRIMARY KEY AUTOINCREMENT);
INSERT INTO participant_ids (id) SELECT COALESCE(MAX(id), 0) FROM participants;
DELETE FROM participant_ids;
