-- 原序号: when an item is carried into the team's next meeting, the number it
-- had in the meeting it was first recorded in (0 for an item never carried),
-- so that meeting's ledger, documents and archive still list it as 第N项.
ALTER TABLE ledger_items ADD COLUMN origin_seq INTEGER NOT NULL DEFAULT 0;
