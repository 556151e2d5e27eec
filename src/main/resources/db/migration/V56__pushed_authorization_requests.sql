-- Pushed authorization requests (RFC 9126): the parameters an application pushed to /as/par, checked there, kept
-- until the authorize that names their request_uri spends them (once). Any process can answer that authorize.
-- The request_uri is stored only as a hash, like codes; rows outlive their expiry by Housekeeping's grace, so that
-- a late or replayed request_uri is still told apart from an unknown one.
create table pushed_authorization_requests (
    request_uri_hash varchar(64) primary key,
    environment_id   varchar(36) not null references environments (id) on delete cascade,
    application_id   varchar(36) not null references applications (id) on delete cascade,
    parameters       text not null,                 -- the request's parameters, a request object's applied (JSON)
    created_at       bigint not null,
    expires_at       bigint not null,
    used_at          bigint
);
create index pushed_authorization_requests_expiry on pushed_authorization_requests (expires_at);
