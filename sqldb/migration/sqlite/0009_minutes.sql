-- 会议记录 of the meeting itself: one row per meeting once the organiser saves
-- it (before that the service shows a draft), with the 情况报告's deadline in
-- days after the meeting and the day it went to the superior. The supervision
-- dashboard reads report_days and report_sent_on.
CREATE TABLE meeting_minutes (
	meeting_id         INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,
	started_at         TIMESTAMP,
	place              TEXT NOT NULL DEFAULT '',
	host               TEXT NOT NULL DEFAULT '',
	recorder           TEXT NOT NULL DEFAULT '',
	attendees          TEXT NOT NULL DEFAULT '',
	supervisor_remarks TEXT NOT NULL DEFAULT '',
	summary            TEXT NOT NULL DEFAULT '',
	report_days        INTEGER NOT NULL DEFAULT 15,
	report_sent_on     TIMESTAMP,
	version            INTEGER NOT NULL DEFAULT 1,
	updated_at         TIMESTAMP NOT NULL,
	updated_by         TEXT NOT NULL DEFAULT ''
);

-- Attendance per roster member; removing a member from the roster drops it.
CREATE TABLE minutes_attendance (
	meeting_id     INTEGER NOT NULL REFERENCES meeting_minutes (meeting_id) ON DELETE CASCADE,
	participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
	status         TEXT NOT NULL, -- present / leave
	reason         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (meeting_id, participant_id)
);

-- The agenda; a speech keeps its speaker on the roster (no cascade).
CREATE TABLE minutes_agenda (
	id             INTEGER PRIMARY KEY,
	meeting_id     INTEGER NOT NULL REFERENCES meeting_minutes (meeting_id) ON DELETE CASCADE,
	position       INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	title          TEXT NOT NULL,
	participant_id INTEGER REFERENCES participants (id),
	statement_id   INTEGER NOT NULL DEFAULT 0,
	notes          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX minutes_agenda_meeting ON minutes_agenda (meeting_id, position);

-- 相互批评: who criticised whom, and the receiver's response. Both keep their
-- place on the roster: what was said is not lost by editing the roster.
CREATE TABLE minutes_criticisms (
	id           INTEGER PRIMARY KEY,
	meeting_id   INTEGER NOT NULL REFERENCES meeting_minutes (meeting_id) ON DELETE CASCADE,
	position     INTEGER NOT NULL,
	from_id      INTEGER NOT NULL REFERENCES participants (id),
	to_id        INTEGER NOT NULL REFERENCES participants (id),
	content      TEXT NOT NULL,
	response     TEXT NOT NULL DEFAULT '',
	responded_by TEXT NOT NULL DEFAULT '',
	responded_at TIMESTAMP
);
CREATE INDEX minutes_criticisms_meeting ON minutes_criticisms (meeting_id, position);
