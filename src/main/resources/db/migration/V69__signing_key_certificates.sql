-- PingOne's keys API (/v1/environments/{envId}/keys): each signing key is a certificate with a name, subject and
-- issuer DNs, a serial number, a validity period and a usage type. `algorithm` keeps the JWS algorithm the key
-- signs with (RS256, RS384, RS512, ES256, ES384); the key type and length follow from it and the public JWK.
-- Keys from before keep signing as they did (RS256, default): they get a name and DN here, and their self-signed
-- certificate (and serial number) the first time the keys API shows them, since making one needs the private key,
-- which only the running server can unseal.
alter table signing_keys add column name varchar(256);
alter table signing_keys add column subject_dn varchar(1024);
alter table signing_keys add column issuer_dn varchar(1024);
alter table signing_keys add column serial_number bigint;
alter table signing_keys add column starts_at bigint;
alter table signing_keys add column usage_type varchar(32);
alter table signing_keys add column certificate text;

update signing_keys
   set name = 'Default signing key',
       subject_dn = 'CN=Latchkey,OU=' || environment_id,
       starts_at = created_at,
       usage_type = 'SIGNING';

alter table signing_keys alter column name set not null;
alter table signing_keys alter column subject_dn set not null;
alter table signing_keys alter column starts_at set not null;
alter table signing_keys alter column usage_type set not null;
