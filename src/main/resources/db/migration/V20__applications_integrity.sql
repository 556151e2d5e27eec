-- Applications, grants, sign-on policy assignments and role assignments: the rules the database enforces
-- itself, so that two concurrent requests cannot both slip past a check made in Java.

-- When the previous client secret was last presented (PingOne's ApplicationSecret.previous.lastUsed).
alter table applications add column previous_secret_last_used bigint;

-- One grant per resource per application (a second one is a UNIQUENESS_VIOLATION on resource.id).
create unique index application_grants_app_resource on application_grants (application_id, resource_id);
create index application_grant_scopes_scope on application_grant_scopes (scope_id);

-- A sign-on policy is assigned to an application at most once; priorities are already unique (V1). (The index on
-- policy_id alone, for "which applications use this policy", is V30's, from the sign-on policies work.)
create unique index sign_on_policy_assignments_app_policy on sign_on_policy_assignments (application_id, policy_id);

-- The same role over the same scope is held once by a subject; scope lookups for cascades.
create unique index role_assignments_unique on role_assignments (subject_id, role_id, scope_type, scope_id);
create index role_assignments_scope on role_assignments (scope_type, scope_id);
