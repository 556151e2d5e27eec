-- Latchkey foundation schema. One dialect: PostgreSQL syntax, also run by H2 in PostgreSQL mode.
-- Times are epoch milliseconds (bigint): no time-zone conversions between drivers.
-- Every object belongs to an environment and goes with it (ON DELETE CASCADE).
-- "doc" columns hold the validated JSON of attributes that no query needs.

create table instance_settings (
    name  varchar(64) primary key,
    setting_value text not null
);

create table environments (
    id          varchar(36) primary key,
    name        varchar(256) not null,
    name_lower  varchar(256) not null,
    region      varchar(8) not null,
    type        varchar(16) not null,
    doc         text not null,
    created_at  bigint not null,
    updated_at  bigint not null,
    constraint environments_name_unique unique (name_lower)
);

create table signing_keys (
    id               varchar(36) primary key,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    algorithm        varchar(16) not null,
    public_jwk       text not null,
    private_key_enc  text not null,
    is_default       boolean not null,
    created_at       bigint not null,
    expires_at       bigint not null
);
create index signing_keys_env on signing_keys (environment_id);

create table password_policies (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    name            varchar(256) not null,
    name_lower      varchar(256) not null,
    is_default      boolean not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint password_policies_name_unique unique (environment_id, name_lower)
);

create table populations (
    id                  varchar(36) primary key,
    environment_id      varchar(36) not null references environments (id) on delete cascade,
    name                varchar(256) not null,
    name_lower          varchar(256) not null,
    is_default          boolean not null,
    password_policy_id  varchar(36),
    doc                 text not null,
    created_at          bigint not null,
    updated_at          bigint not null,
    constraint populations_name_unique unique (environment_id, name_lower)
);

create table resources (
    id                        varchar(36) primary key,
    environment_id            varchar(36) not null references environments (id) on delete cascade,
    name                      varchar(256) not null,
    type                      varchar(32) not null,
    audience                  varchar(2048) not null,
    doc                       text not null,
    secret_enc                text,
    previous_secret_enc       text,
    previous_secret_expires_at bigint,
    created_at                bigint not null,
    updated_at                bigint not null,
    constraint resources_name_unique unique (environment_id, name)
);

create table resource_scopes (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    resource_id     varchar(36) not null references resources (id) on delete cascade,
    name            varchar(256) not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint resource_scopes_name_unique unique (resource_id, name)
);

create table resource_attributes (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    resource_id     varchar(36) not null references resources (id) on delete cascade,
    name            varchar(256) not null,
    type            varchar(16) not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint resource_attributes_name_unique unique (resource_id, name)
);

create table applications (
    id                          varchar(36) primary key,
    environment_id              varchar(36) not null references environments (id) on delete cascade,
    name                        varchar(256) not null,
    protocol                    varchar(32) not null,
    type                        varchar(32) not null,
    enabled                     boolean not null,
    doc                         text not null,
    secret_enc                  text,
    previous_secret_enc         text,
    previous_secret_expires_at  bigint,
    created_at                  bigint not null,
    updated_at                  bigint not null
);
create index applications_env on applications (environment_id, id);

create table application_grants (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    resource_id     varchar(36) not null references resources (id) on delete cascade,
    created_at      bigint not null,
    updated_at      bigint not null
);
create index application_grants_app on application_grants (application_id);

create table application_grant_scopes (
    grant_id  varchar(36) not null references application_grants (id) on delete cascade,
    scope_id  varchar(36) not null references resource_scopes (id) on delete cascade,
    primary key (grant_id, scope_id)
);

create table sign_on_policies (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    name            varchar(256) not null,
    name_lower      varchar(256) not null,
    is_default      boolean not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint sign_on_policies_name_unique unique (environment_id, name_lower)
);

create table sign_on_policy_actions (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    policy_id       varchar(36) not null references sign_on_policies (id) on delete cascade,
    priority        integer not null,
    type            varchar(64) not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint sign_on_policy_actions_priority_unique unique (policy_id, priority)
);

create table sign_on_policy_assignments (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    -- cascade only matters when the whole environment goes: the policy service refuses to delete an assigned policy
    policy_id       varchar(36) not null references sign_on_policies (id) on delete cascade,
    priority        integer not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint sign_on_policy_assignments_priority_unique unique (application_id, priority)
);

-- PingOne's built-in administrator roles (global, fixed ids).
create table roles (
    id           varchar(36) primary key,
    name         varchar(128) not null unique,
    description  varchar(1024) not null,
    scopes       varchar(256) not null   -- comma-separated scope types the role can be assigned at
);

create table role_assignments (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    subject_type    varchar(16) not null,  -- APPLICATION or USER
    subject_id      varchar(36) not null,
    role_id         varchar(36) not null references roles (id),
    scope_type      varchar(16) not null,  -- ORGANIZATION, ENVIRONMENT, POPULATION, APPLICATION
    scope_id        varchar(36) not null,
    created_at      bigint not null
);
create index role_assignments_subject on role_assignments (subject_id);

insert into roles (id, name, description, scopes) values
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000001', 'Organization Admin', 'Manages the organization and its environments.', 'ORGANIZATION'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000002', 'Environment Admin', 'Manages environments and their configuration.', 'ORGANIZATION,ENVIRONMENT'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000003', 'Identity Data Admin', 'Manages users, populations and groups.', 'ORGANIZATION,ENVIRONMENT,POPULATION'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000004', 'Identity Data Read Only', 'Reads users, populations and groups.', 'ENVIRONMENT,POPULATION'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000005', 'Client Application Developer', 'Manages applications and resources.', 'ENVIRONMENT'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000006', 'Configuration Read Only', 'Reads the configuration of an environment.', 'ENVIRONMENT'),
 ('1a4e8b6e-0001-4c2e-9d7a-0d6e0a000007', 'Application Owner', 'Manages the applications it owns.', 'APPLICATION');
