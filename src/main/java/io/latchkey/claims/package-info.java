/** The claim names tokens reserve for themselves, shared by the token side and the management API's validation; depends on nothing. */
package io.latchkey.claims;
