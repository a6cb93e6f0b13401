-- 查重 templates (语料库) with their precomputed fingerprint sketches.
CREATE TABLE corpus_docs (
	id         INTEGER PRIMARY KEY,
	org_id     INTEGER NOT NULL REFERENCES orgs (id),
	title      TEXT NOT NULL,
	body       TEXT NOT NULL,
	sketch     BLOB NOT NULL,
	created_at TIMESTAMP NOT NULL,
	created_by TEXT NOT NULL
);
CREATE INDEX corpus_docs_org ON corpus_docs (org_id);
