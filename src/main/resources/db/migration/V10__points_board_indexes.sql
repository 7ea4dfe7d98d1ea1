-- points: what the leaderboards and the history read from the ledger.
-- A member's points per branch and day (live board updates, rebuilds) from the index alone.
CREATE INDEX ix_points_entry_member_board ON points_entry (member_id, business_date, points, branch_id, created_at_ms);
-- A member's history, newest first.
CREATE INDEX ix_points_entry_member_id ON points_entry (member_id, id);
