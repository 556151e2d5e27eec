-- The claims parameter (OIDC Core 5.5): the userinfo claims an access token was issued with (userinfo reads them by
-- the token's jti) and everything a refresh token's later ID tokens and access tokens must carry again.
alter table access_token_grants add column userinfo_claims varchar;
alter table refresh_tokens add column requested_claims varchar;
