-- Resources and sign-on policies (issue 3): what V1 lacked to keep their references intact.

-- mappedClaims of an OPENID_CONNECT scope: custom attributes of the same resource. Deleting either side
-- drops the link, so a scope never names an attribute that is gone.
create table resource_scope_claims (
    scope_id        varchar(36) not null references resource_scopes (id) on delete cascade,
    attribute_id    varchar(36) not null references resource_attributes (id) on delete cascade,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    primary key (scope_id, attribute_id)
);
create index resource_scope_claims_attribute on resource_scope_claims (attribute_id);

-- The population a LOGIN / IDENTIFIER_FIRST / IDENTITY_PROVIDER action registers new users into, as a column
-- (the truth; the JSON repeats it) so that the action never names a deleted population. SET NULL rather than
-- RESTRICT: H2 checks RESTRICT row by row while cascading an environment's deletion, and may delete the
-- population before the action. A population service that wants to refuse the deletion asks
-- policies.SignOnPolicies#policiesRegisteringInto first.
alter table sign_on_policy_actions add column registration_population_id varchar(36);
alter table sign_on_policy_actions add constraint sign_on_policy_actions_population
    foreign key (registration_population_id) references populations (id) on delete set null;
create index sign_on_policy_actions_population on sign_on_policy_actions (registration_population_id);

-- "Which applications use this policy?" when a policy is deleted.
create index sign_on_policy_assignments_policy on sign_on_policy_assignments (policy_id);
