/**
 * Groups of users: environment and population groups, direct memberships, nesting (with its transitive closure),
 * and what other features read of them (users' filters and includes, token claims).
 */
package io.latchkey.groups;
