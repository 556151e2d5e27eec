-- Groups (issue 13): environment groups (population_id null) and population groups, users' direct memberships,
-- nestings (a group member of another group) and the transitive closure of the nestings, so that "every group a
-- user is in, directly or through nested groups" and "every user in a group, at any depth" are index lookups and
-- joins, never a recursion at read time. The closure is rewritten for the environment whenever a nesting changes
-- (rare, administrative); deleting a group, a user or a population removes their rows by cascade.

create table identity_groups (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    -- A population group only takes users of its population; it goes with its population.
    population_id   varchar(36) references populations (id) on delete cascade,
    name            varchar(256) not null,
    -- Lower-casing can lengthen a string (one character becomes up to three).
    name_lower      varchar(1024) not null,
    external_id     varchar(1024),
    -- description, userFilter, customData
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null
);
create index identity_groups_env_id on identity_groups (environment_id, id);
create index identity_groups_env_name on identity_groups (environment_id, name_lower);
create index identity_groups_population on identity_groups (population_id);

-- Direct memberships of users.
create table group_members (
    group_id        varchar(36) not null references identity_groups (id) on delete cascade,
    user_id         varchar(36) not null references users (id) on delete cascade,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    created_at      bigint not null,
    primary key (group_id, user_id)
);
create index group_members_user on group_members (user_id, group_id);

-- group_id is a member of parent_id (POST /groups/{group_id}/memberOfGroups {"id": parent_id}).
create table group_nestings (
    group_id        varchar(36) not null references identity_groups (id) on delete cascade,
    parent_id       varchar(36) not null references identity_groups (id) on delete cascade,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    created_at      bigint not null,
    primary key (group_id, parent_id)
);
create index group_nestings_parent on group_nestings (parent_id, group_id);

-- (descendant, ancestor) for every group and every group it is in at any depth, itself included (the row
-- (g, g)), so that members of g at any depth are the direct members of the descendants of g.
create table group_closure (
    descendant_id   varchar(36) not null references identity_groups (id) on delete cascade,
    ancestor_id     varchar(36) not null references identity_groups (id) on delete cascade,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    primary key (descendant_id, ancestor_id)
);
create index group_closure_ancestor on group_closure (ancestor_id, descendant_id);
create index group_closure_env on group_closure (environment_id);
