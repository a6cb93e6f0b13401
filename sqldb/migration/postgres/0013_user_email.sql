-- 电子邮箱: an optional address per account, to which reminders are mailed
-- when the server is configured to send mail. NULL when none is set.
ALTER TABLE users ADD COLUMN email TEXT;
