/** Random secrets, hashes of bearer values, constant-time comparison and the master-key encryption of secrets at rest; depends on no other Latchkey package. */
package io.latchkey.crypto;
