/** Environments and the organization above them: creating one with PingOne's default contents, and deleting it with everything in it. */
package io.latchkey.environments;
