-- Audit activities (issue 14, PingOne's /activities): one row per management change or sign-on event, written in
-- the transaction of the change it records. recorded_at is ISO-8601 UTC with milliseconds ("2026-01-31T12:00:00.000Z"),
-- fixed width, so text order is time order and a filter's bound compares as text on both databases.
-- One resource per activity (PingOne's resources[] holds one in every example); no bodies, so no secrets.
create table activities (
    id                  varchar(36) primary key,
    environment_id      varchar(36) not null references environments (id) on delete cascade,
    recorded_at         varchar(24) not null,
    correlation_id      varchar(100),
    action_type         varchar(100) not null,
    actor_user_id       varchar(36),
    actor_user_name     varchar(1024),
    actor_client_id     varchar(36),
    resource_type       varchar(100),
    resource_id         varchar(256),
    resource_name       varchar(1024),
    result_status       varchar(16) not null,
    result_description  varchar(1024)
);
-- Lists page on id (time-ordered) within an environment; retention deletes by time across environments.
create index activities_env_id on activities (environment_id, id);
create index activities_recorded_at on activities (recorded_at);
