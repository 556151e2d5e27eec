/** The management API's roles: PingOne's built-in administrator roles, their assignments to applications, and the {@code Caller} holding them; below every feature that checks a caller, so it depends on none of them. */
package io.latchkey.access;
