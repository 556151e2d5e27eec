-- A user's application-role assignments go with the user (V50 could not reference users before identity landed).
alter table user_application_roles add constraint user_application_roles_user_fk
    foreign key (user_id) references users (id) on delete cascade;
