/**
 * Each environment's token signing keys (RSA or EC, each with a self-signed X.509 certificate) and PingOne's keys
 * API over them; the private halves sealed by the master key at rest. See docs/signing-keys.md.
 */
package io.latchkey.keys;
