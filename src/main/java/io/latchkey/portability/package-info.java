/**
 * Export and import of whole environments as one JSON document ({@code latchkey export} / {@code import}), and bulk
 * import of users from JSON lines or CSV ({@code latchkey import-users}). See {@link EnvironmentExporter}.
 */
package io.latchkey.portability;
