-- Where a session's sign-on came from, for PingOne's user sessions API (/users/{userId}/sessions): the client
-- address (lastSignOn.remoteIp) and the browser's User-Agent, kept as sent (cut to 512 characters) and read into
-- browser, operating system and device type when a session is shown, so a better reading needs no migration.
-- Sessions from before have neither. The index serves listing a user's sessions newest first and dropping the
-- oldest beyond ten when one is created.
alter table signon_sessions add column remote_ip varchar(64);
alter table signon_sessions add column user_agent varchar(512);
create index signon_sessions_user_created on signon_sessions (environment_id, user_id, created_at);
drop index signon_sessions_user;
