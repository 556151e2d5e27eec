/** Browser sign-on sessions (the {@code ST} cookie), stored only as hashes of their random values. */
package io.latchkey.sessions;
