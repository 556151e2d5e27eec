package io.latchkey.access;

/** What a management call needs; roles grant sets of these (see {@link BuiltInRole}). */
public enum Permission {
    ENVIRONMENTS_CREATE,
    ENVIRONMENT_READ,
    ENVIRONMENT_WRITE,
    APPLICATIONS_READ,
    APPLICATIONS_WRITE,
    CONFIGURATION_READ,
    CONFIGURATION_WRITE,
    IDENTITIES_READ,
    IDENTITIES_WRITE
}
