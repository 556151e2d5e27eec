/** Sign-on policies and their actions, and which policy applies to an application's sign-on. */
package io.latchkey.policies;
