-- Talks (谈心谈话) before the meeting, and the opinions raised in each direction.
-- A side is a roster participant (a_participant_id / b_participant_id) or a
-- person outside jingzi (name, kind, department). The name of a participant is
-- kept too, so that a talk outlives a change of the roster: when the
-- participant's row goes, the side keeps its name and reads as 其他.
CREATE TABLE talks (
	id               INTEGER PRIMARY KEY,
	meeting_id       INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	talk_date        TIMESTAMP NOT NULL,
	a_participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
	a_name           TEXT NOT NULL,
	a_kind           TEXT NOT NULL,
	a_department     TEXT NOT NULL DEFAULT '',
	b_participant_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,
	b_name           TEXT NOT NULL,
	b_kind           TEXT NOT NULL,
	b_department     TEXT NOT NULL DEFAULT '',
	topics           TEXT NOT NULL DEFAULT '',
	recorded_by      INTEGER REFERENCES users (id),
	recorded_by_name TEXT NOT NULL,
	created_at       TIMESTAMP NOT NULL,
	updated_at       TIMESTAMP NOT NULL
);
CREATE INDEX talks_meeting ON talks (meeting_id, talk_date);

CREATE TABLE talk_opinions (
	id       INTEGER PRIMARY KEY,
	talk_id  INTEGER NOT NULL REFERENCES talks (id) ON DELETE CASCADE,
	toward   TEXT NOT NULL CHECK (toward IN ('a', 'b')),
	position INTEGER NOT NULL,
	text     TEXT NOT NULL
);
CREATE INDEX talk_opinions_talk ON talk_opinions (talk_id);
