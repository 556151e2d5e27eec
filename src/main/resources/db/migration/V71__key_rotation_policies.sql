-- PingOne's key rotation policies (/v1/environments/{envId}/keyRotationPolicies). A policy owns its keys: they are
-- rows of signing_keys (sealed by the master key like every key) that name the policy, are never the environment's
-- default and are not listed by the keys API. current_key_id signs the tokens of the applications that use the policy,
-- next_key_id is published ahead of use, previous_key_id (the one current before the last rotation) stays published
-- until the next rotation, when its row is deleted. Times are epoch milliseconds; periods are days.
create table key_rotation_policies (
    id varchar(36) primary key,
    environment_id varchar(36) not null references environments(id) on delete cascade,
    name varchar(256) not null,
    dn varchar(1024) not null,
    algorithm varchar(16) not null,
    key_length integer not null,
    signature_algorithm varchar(32) not null,
    usage_type varchar(32) not null,
    rotation_period integer not null,
    validity_period integer not null,
    current_key_id varchar(36) not null,
    next_key_id varchar(36) not null,
    previous_key_id varchar(36),
    rotated_at bigint not null,
    created_at bigint not null
);
create index key_rotation_policies_env on key_rotation_policies (environment_id, created_at);
create index key_rotation_policies_due on key_rotation_policies (rotated_at);

alter table signing_keys add column rotation_policy_id varchar(36)
    references key_rotation_policies(id) on delete cascade;
create index signing_keys_rotation_policy on signing_keys (rotation_policy_id);
