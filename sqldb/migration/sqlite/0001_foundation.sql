-- Foundation: org tree, accounts and grants, sessions, login attempts, settings,
-- the append-only audit log, frameworks, meetings and their rosters.
CREATE TABLE orgs (
	id         INTEGER PRIMARY KEY,
	parent_id  INTEGER REFERENCES orgs (id),
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	position   INTEGER NOT NULL DEFAULT 0,
	path       TEXT NOT NULL DEFAULT '',
	archived   BOOLEAN NOT NULL DEFAULT FALSE,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX orgs_path ON orgs (path);
CREATE INDEX orgs_parent ON orgs (parent_id);

CREATE TABLE users (
	id                   INTEGER PRIMARY KEY,
	login                TEXT NOT NULL UNIQUE,
	name                 TEXT NOT NULL,
	title                TEXT NOT NULL DEFAULT '',
	org_id               INTEGER NOT NULL REFERENCES orgs (id),
	password_hash        TEXT NOT NULL,
	must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
	disabled             BOOLEAN NOT NULL DEFAULT FALSE,
	created_at           TIMESTAMP NOT NULL,
	updated_at           TIMESTAMP NOT NULL
);
CREATE INDEX users_org ON users (org_id);

CREATE TABLE grants (
	user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role    TEXT NOT NULL,
	org_id  INTEGER NOT NULL REFERENCES orgs (id),
	PRIMARY KEY (user_id, role, org_id)
);

CREATE TABLE login_attempts (
	login        TEXT PRIMARY KEY,
	failures     INTEGER NOT NULL DEFAULT 0,
	locked_until TIMESTAMP
);

CREATE TABLE sessions (
	token_hash   TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	org_id       INTEGER NOT NULL DEFAULT 0,
	created_at   TIMESTAMP NOT NULL,
	last_seen_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE audit_log (
	id          INTEGER PRIMARY KEY,
	at          TIMESTAMP NOT NULL,
	actor_id    INTEGER NOT NULL DEFAULT 0,
	actor_name  TEXT NOT NULL,
	action      TEXT NOT NULL,
	object_type TEXT NOT NULL DEFAULT '',
	object_id   INTEGER NOT NULL DEFAULT 0,
	org_id      INTEGER NOT NULL DEFAULT 0,
	outcome     TEXT NOT NULL,
	ip          TEXT NOT NULL DEFAULT '',
	detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit log is append-only');
END;

CREATE TABLE frameworks (
	id         INTEGER PRIMARY KEY,
	key        TEXT NOT NULL,
	org_id     INTEGER REFERENCES orgs (id),
	year       INTEGER NOT NULL,
	name       TEXT NOT NULL,
	builtin    BOOLEAN NOT NULL DEFAULT FALSE,
	data       TEXT NOT NULL,
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE meetings (
	id             INTEGER PRIMARY KEY,
	org_id         INTEGER NOT NULL REFERENCES orgs (id),
	year           INTEGER NOT NULL,
	kind           TEXT NOT NULL,
	title          TEXT NOT NULL,
	framework_json TEXT NOT NULL,
	phase          TEXT NOT NULL,
	meeting_date   TIMESTAMP,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX meetings_org ON meetings (org_id);

CREATE TABLE participants (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	user_id    INTEGER REFERENCES users (id),
	name       TEXT NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	head       BOOLEAN NOT NULL DEFAULT FALSE,
	portfolio  TEXT NOT NULL DEFAULT '[]',
	position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participants_meeting ON participants (meeting_id);
