-- Retention (issue 15 item 13): the hourly purge finds old rows by time, not by scanning whole tables.
ALTER TABLE refresh_token ADD KEY ix_refresh_token_expires (expires_at), ADD KEY ix_refresh_token_revoked (revoked_at);
ALTER TABLE meeting_attendance ADD KEY ix_attendance_checked_in (checked_in_at_ms);
ALTER TABLE reading_session ADD KEY ix_reading_session_started (started_at_ms);
