-- checkin (issue 14, item 4): meetings recorded afterwards (补录) are labelled; the automatic close finds due
-- meetings by status and start.
ALTER TABLE meeting ADD COLUMN recorded_afterwards BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ix_meeting_status_start ON meeting (status, starts_at);
