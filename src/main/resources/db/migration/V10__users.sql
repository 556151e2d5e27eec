-- Identity: users, their passwords, password history and recovery codes (issue 3).
-- Search columns (*_lower) hold lower-cased copies of the attributes GET /users?filter=... can use, so that
-- filters become plain, indexable SQL. Their indexes are created by the Java migration V11, which picks
-- PostgreSQL's pattern operator class (prefix LIKE through an index whatever the collation) or H2's plain one.

alter table password_policies add column built_in boolean default false not null;
update password_policies set built_in = true where name_lower in ('standard', 'passphrase', 'basic');

create table users (
    id                        varchar(36) primary key,
    environment_id            varchar(36) not null references environments (id) on delete cascade,
    -- The service refuses to delete a population that still has users; writes of a user lock its population's
    -- row, so none can slip in meanwhile. The cascade is for deleting the environment (H2 checks a plain foreign
    -- key row by row, before the environment's cascade reaches the users).
    population_id             varchar(36) not null references populations (id) on delete cascade,
    username                  varchar(128) not null,
    username_lower            varchar(128) not null,
    email_lower               varchar(320),
    given_lower               varchar(256),
    family_lower              varchar(256),
    middle_lower              varchar(256),
    formatted_lower           varchar(256),
    nickname_lower            varchar(256),
    title_lower               varchar(256),
    type_lower                varchar(256),
    locale_lower              varchar(256),
    preferred_language_lower  varchar(256),
    timezone_lower            varchar(256),
    mobile_phone_lower        varchar(32),
    primary_phone_lower       varchar(32),
    external_id_lower         varchar(1024),
    account_id_lower          varchar(1024),
    street_lower              varchar(256),
    locality_lower            varchar(256),
    region_lower              varchar(256),
    postal_code_lower         varchar(40),
    country_code_lower        varchar(2),
    enabled                   boolean not null,
    mfa_enabled               boolean not null,
    email_verified            boolean not null,
    lifecycle_status          varchar(32) not null,
    -- Administrative lock (account.lock): locked until an administrator unlocks.
    locked_at                 bigint,
    last_sign_on_at           bigint,
    last_sign_on_ip           varchar(64),
    doc                       text not null,
    created_at                bigint not null,
    updated_at                bigint not null,
    constraint users_username_unique unique (environment_id, username_lower)
);
create index users_env_id on users (environment_id, id);
create index users_population on users (population_id);

-- The current password of a user and its lockout counter (PingOne's PASSWORD_LOCKED_OUT is a password state).
create table user_passwords (
    user_id          varchar(36) primary key references users (id) on delete cascade,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    hash             varchar(1024) not null,
    changed_at       bigint not null,
    force_change     boolean not null,
    -- Set by the user (change, recovery) rather than by an administrator: minAgeDays applies only then.
    set_by_user      boolean not null,
    failed_count     integer not null,
    locked_until     bigint
);

-- Earlier password hashes, for the policy's history rule (the newest history.count are kept).
create table password_history (
    id               varchar(36) primary key,
    user_id          varchar(36) not null references users (id) on delete cascade,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    hash             varchar(1024) not null,
    created_at       bigint not null
);
create index password_history_user on password_history (user_id, created_at);

-- One pending recovery code per user, stored only as a hash.
create table password_recovery (
    user_id          varchar(36) primary key references users (id) on delete cascade,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    code_hash        varchar(64) not null,
    expires_at       bigint not null,
    attempts         integer not null
);
