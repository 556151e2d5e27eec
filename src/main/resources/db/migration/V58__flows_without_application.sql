-- A device authorization grant flow started at /{envId}/device (no appIdentifier) signs the user on under the
-- environment's default policy before anyone knows which application it is for: the application is set when the
-- user code is verified (PingOne: "the flow's application [is] not validated for input").
alter table flows alter column application_id drop not null;
