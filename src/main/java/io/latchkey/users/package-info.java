/** Users of an environment: profiles, uniqueness of usernames, filters over {@code GET /users}, import and locking. */
package io.latchkey.users;
