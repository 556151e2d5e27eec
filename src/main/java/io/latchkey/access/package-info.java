/** Who may call the management API: bearer-token checks, PingOne's built-in administrator roles and their assignments to applications. */
package io.latchkey.access;
