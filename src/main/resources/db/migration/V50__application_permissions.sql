-- PingOne Authorize application permissions: application resources (children of a CUSTOM resource), their
-- permissions (actions), application roles holding permissions, and the roles assigned to users.
-- Deleting a resource, application resource, permission or role removes everything hanging off it (cascades),
-- so one DELETE statement is the whole, single-transaction clean-up. Permission keys ("<name>:<action>") are
-- not stored: they are computed when read, so renaming an application resource renames its keys.

create table application_resources (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    resource_id     varchar(36) not null references resources (id) on delete cascade,
    name            varchar(256) not null,
    description     text,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint application_resources_name_unique unique (resource_id, name)
);
create index application_resources_env on application_resources (environment_id, id);

create table application_permissions (
    id                       varchar(36) primary key,
    environment_id           varchar(36) not null references environments (id) on delete cascade,
    application_resource_id  varchar(36) not null references application_resources (id) on delete cascade,
    action                   varchar(256) not null,
    description              text,
    created_at               bigint not null,
    updated_at               bigint not null,
    constraint application_permissions_action_unique unique (application_resource_id, action)
);
create index application_permissions_env on application_permissions (environment_id, id);

create table application_roles (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    name            varchar(256) not null,
    description     text,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint application_roles_name_unique unique (environment_id, name)
);

create table application_role_permissions (
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    role_id         varchar(36) not null references application_roles (id) on delete cascade,
    permission_id   varchar(36) not null references application_permissions (id) on delete cascade,
    created_at      bigint not null,
    primary key (role_id, permission_id)
);
create index application_role_permissions_permission on application_role_permissions (permission_id);

-- user_id has no foreign key: the users table belongs to the identity feature. Deleting a user must call
-- UserApplicationRoleService.deleteForUser(handle, env, userId) in the same transaction.
create table user_application_roles (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    user_id         varchar(36) not null,
    role_id         varchar(36) not null references application_roles (id) on delete cascade,
    created_at      bigint not null,
    constraint user_application_roles_unique unique (user_id, role_id)
);
create index user_application_roles_user on user_application_roles (environment_id, user_id);
create index user_application_roles_role on user_application_roles (role_id, id);
