package io.latchkey.portability;

import java.util.List;

/**
 * What {@code latchkey export} writes.
 *
 * @param environmentIds the environments; empty means all of them
 * @param withSecrets    client and resource secrets in clear (else withheld: an import keeps or makes new ones)
 * @param withUsers      users, their password hashes as stored, attribute values, memberships and roles
 */
public record ExportOptions(List<String> environmentIds, boolean withSecrets, boolean withUsers) {}
