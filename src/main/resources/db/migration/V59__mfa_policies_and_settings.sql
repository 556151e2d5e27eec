-- MFA management (issue 12, first slice): environment MFA settings, FIDO2 policies, device authentication (MFA)
-- policies. Policy bodies live in doc (JSON, the normalised request); what rules need lives in columns.

-- One row per environment once its settings were changed; no row means PingOne's defaults (mfa.settings).
create table mfa_settings (
    environment_id  varchar(36) primary key references environments (id) on delete cascade,
    doc             text not null,
    updated_at      bigint not null
);

create table fido2_policies (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    name            varchar(256) not null,
    name_lower      varchar(256) not null,
    is_default      boolean not null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint fido2_policies_name_unique unique (environment_id, name_lower)
);

-- fido2_policy_id: the FIDO2 policy the fido2 method names (null: the environment's default FIDO2 policy). SET NULL
-- rather than RESTRICT for the reason V30 gives (H2 and cascading environment deletion); the service refuses to
-- delete a FIDO2 policy that a device authentication policy names.
create table device_authentication_policies (
    id              varchar(36) primary key,
    environment_id  varchar(36) not null references environments (id) on delete cascade,
    name            varchar(256) not null,
    name_lower      varchar(256) not null,
    is_default      boolean not null,
    fido2_policy_id varchar(36) references fido2_policies (id) on delete set null,
    doc             text not null,
    created_at      bigint not null,
    updated_at      bigint not null,
    constraint device_authentication_policies_name_unique unique (environment_id, name_lower)
);
create index device_authentication_policies_fido2 on device_authentication_policies (fido2_policy_id);

-- Environments whose default MFA and FIDO2 policies were created (lazily, at first use, by whichever process gets
-- here first: the insert of this row is the one that may create them).
create table mfa_policy_defaults (
    environment_id  varchar(36) primary key references environments (id) on delete cascade,
    created_at      bigint not null
);
