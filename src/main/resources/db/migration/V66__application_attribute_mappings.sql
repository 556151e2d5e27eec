-- Attribute mappings of applications (/applications/{appId}/attributes): the claims an application's ID tokens and
-- userinfo answers carry. Only what an administrator wrote is stored: the CORE `sub` and the SCOPE mappings exist for
-- every application in code (with ids derived from the application id and the claim name) until one is replaced with
-- PUT, which stores it under that same id. CUSTOM mappings are rows from the start. Deleting the application (or its
-- environment) deletes its mappings.
create table application_attribute_mappings (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    application_id  varchar(36) not null references applications (id) on delete cascade,
    name            varchar(256) not null,
    mapping_type    varchar(16) not null,    -- CORE, SCOPE, CUSTOM
    doc             text not null,           -- {"value", "required", "idToken", "userInfo", "oidcScopes"?}
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint application_attribute_mappings_name_unique unique (application_id, name)
);
