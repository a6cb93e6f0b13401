-- 材料质量检查 grade of each statement, stored when it is saved so that the
-- 督导一览 need not run the check for every statement of every team.
-- check_version is the statement version the grade belongs to; a statement
-- saved without a grade (before this migration, or by a path that does not
-- check) is checked again in the background.
ALTER TABLE statements ADD COLUMN check_score INTEGER;
ALTER TABLE statements ADD COLUMN check_grade TEXT;
ALTER TABLE statements ADD COLUMN check_version INTEGER;
