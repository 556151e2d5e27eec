-- A lower-cased copy can be longer than the value it copies (the lower case of U+0130, "İ", is two characters),
-- so a valid 128-character username of them failed with "value too long" and a 500. The *_lower columns take no
-- length of their own: the validated original bounds them.
alter table environments alter column name_lower set data type varchar;
alter table password_policies alter column name_lower set data type varchar;
alter table populations alter column name_lower set data type varchar;
alter table sign_on_policies alter column name_lower set data type varchar;
alter table users alter column username_lower set data type varchar;
alter table users alter column email_lower set data type varchar;
alter table users alter column given_lower set data type varchar;
alter table users alter column family_lower set data type varchar;
alter table users alter column middle_lower set data type varchar;
alter table users alter column formatted_lower set data type varchar;
alter table users alter column nickname_lower set data type varchar;
alter table users alter column title_lower set data type varchar;
alter table users alter column type_lower set data type varchar;
alter table users alter column locale_lower set data type varchar;
alter table users alter column preferred_language_lower set data type varchar;
alter table users alter column timezone_lower set data type varchar;
alter table users alter column mobile_phone_lower set data type varchar;
alter table users alter column primary_phone_lower set data type varchar;
alter table users alter column external_id_lower set data type varchar;
alter table users alter column account_id_lower set data type varchar;
alter table users alter column street_lower set data type varchar;
alter table users alter column locality_lower set data type varchar;
alter table users alter column region_lower set data type varchar;
alter table users alter column postal_code_lower set data type varchar;
alter table users alter column country_code_lower set data type varchar;

-- Imported password hashes are validated up to 4,096 characters; the columns said 1,024 (a longer one was a 500).
alter table user_passwords alter column hash set data type varchar(4096);
alter table password_history alter column hash set data type varchar(4096);
