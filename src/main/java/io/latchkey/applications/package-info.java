/** Applications (OAuth clients) of an environment: their settings and the rules tying them together, client secrets, sign-on policy assignments. */
package io.latchkey.applications;
