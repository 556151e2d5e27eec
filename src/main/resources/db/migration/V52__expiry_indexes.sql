-- Housekeeping deletes expired rows from these tables every 10 minutes in every process; without an index on
-- expires_at each pass read the whole table (only flows had one).
create index authorization_codes_expiry on authorization_codes (expires_at);
create index refresh_tokens_expiry on refresh_tokens (expires_at);
create index revoked_tokens_expiry on revoked_tokens (expires_at);
create index access_token_grants_expiry on access_token_grants (expires_at);
create index used_client_assertions_expiry on used_client_assertions (expires_at);
create index signon_sessions_expiry on signon_sessions (expires_at);
