-- District systems now sign in at the identity service (client credentials, a token with their division).
-- This table stays reporting's record of them: written from the token on each call to the district interface
-- (id = the token's subject, scope from its division) and marked revoked by DistrictSystemRevoked. Webhooks
-- and referrals keep referring to it. Secrets are no longer kept here.
ALTER TABLE district_clients ALTER COLUMN secret_hash DROP NOT NULL;
UPDATE district_clients SET revoked_at = COALESCE(revoked_at, now()), secret_hash = NULL;
