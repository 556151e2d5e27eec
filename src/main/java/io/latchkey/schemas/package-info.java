/** The user schema: core, standard and custom user attributes ({@code /schemas}), and custom values on users. */
package io.latchkey.schemas;
