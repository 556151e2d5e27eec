/** Latchkey, a self-hosted identity server speaking PingOne's Platform and Auth APIs; {@code Main} is the command line, every feature is a subpackage. */
package io.latchkey;
