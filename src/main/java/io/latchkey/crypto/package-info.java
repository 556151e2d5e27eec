/** Random secrets, hashes of bearer values, constant-time comparison, the master-key encryption of secrets at rest and the grace period of a rotated-out secret; depends on no other Latchkey package. */
package io.latchkey.crypto;
