/** Password policies and rules, Argon2id hashing (imported hashes re-hashed at sign-on), lockout and recovery; reads the few user columns it needs itself instead of depending on {@code users}. */
package io.latchkey.passwords;
