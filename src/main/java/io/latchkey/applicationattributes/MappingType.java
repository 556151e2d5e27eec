package io.latchkey.applicationattributes;

/**
 * PingOne's {@code mappingType}: CORE ({@code sub}; value editable, not deletable), SCOPE (a standard claim of an
 * OpenID Connect scope; value editable, not deletable) or CUSTOM (created; deletable).
 */
public enum MappingType {
    CORE,
    SCOPE,
    CUSTOM
}
