-- The acr claim names the sign-on policy the user completed (PingOne: "the name of the sign-on policy"). It is
-- decided when the flow starts, kept by the session it creates (an SSO answer reports the policy of the original
-- sign-on) and carried by the code and the refresh tokens. Rows from before it have none: their tokens say
-- Single_Factor, the one policy the earlier versions ever reported.
alter table signon_sessions add column acr varchar(256);
alter table authorization_codes add column acr varchar(256);
alter table refresh_tokens add column acr varchar(256);
