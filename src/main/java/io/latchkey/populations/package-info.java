/** Populations of users: unique names, one default per environment, an optional password policy. */
package io.latchkey.populations;
