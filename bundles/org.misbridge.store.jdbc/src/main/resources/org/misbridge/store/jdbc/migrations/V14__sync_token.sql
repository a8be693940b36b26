-- Scoped re-plans (issue 21): the token of the snapshot the school's rows were last synced from,
-- written with the digests in the sync's own transaction. A host that kept that snapshot re-plans
-- only what the next one changed, and only while the stored token is the one it kept.
ALTER TABLE dir_digest_state ADD COLUMN sync_token VARCHAR(64);
