/** Each environment's RS256 token signing keys: made with the environment, the private halves sealed by the master key at rest. */
package io.latchkey.keys;
