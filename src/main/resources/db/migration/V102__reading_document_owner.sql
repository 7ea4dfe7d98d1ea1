-- reading: every library document has an owner. NULL is the shared library (the Party Constitution and regulations
-- every organisation reads): only system admins replace it. Otherwise the organisation whose admins imported it:
-- only admins of it (or above it) and system admins re-import its key. Documents imported before this are shared.
ALTER TABLE reading_document ADD COLUMN owner_org_id BIGINT NULL AFTER kind,
    ADD CONSTRAINT fk_reading_document_owner FOREIGN KEY (owner_org_id) REFERENCES organisation (id);
