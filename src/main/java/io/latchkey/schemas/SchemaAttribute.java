package io.latchkey.schemas;

import java.util.List;

/**
 * One attribute of an environment's user schema. Custom attributes are rows of {@code schema_attributes}; core and
 * standard ones are fixed ({@link StandardAttributes}) and have no row.
 *
 * @param enumeratedValues empty when the attribute is not enumerated
 * @param regexValidation null when values are not checked against a pattern
 * @param subAttributes the parts of a COMPLEX attribute (core and standard only)
 */
public record SchemaAttribute(
        String id,
        String environmentId,
        String name,
        Type type,
        SchemaType schemaType,
        boolean enabled,
        boolean unique,
        boolean required,
        boolean multiValued,
        String displayName,
        String description,
        List<EnumeratedValue> enumeratedValues,
        RegexValidation regexValidation,
        List<SchemaAttribute> subAttributes,
        long createdAt,
        long updatedAt) {

    public enum Type {
        STRING,
        JSON,
        BOOLEAN,
        COMPLEX
    }

    public enum SchemaType {
        CORE,
        STANDARD,
        CUSTOM
    }

    /** An allowed value; an archived one stays on the users that have it but cannot be newly set. */
    public record EnumeratedValue(String value, boolean archived, String description) {}

    public record RegexValidation(
            String pattern,
            String requirements,
            List<String> valuesPatternShouldMatch,
            List<String> valuesPatternShouldNotMatch) {}

    /** Whether {@code value} may be newly given to a user. */
    public boolean allowsNew(String value) {
        if (enumeratedValues.isEmpty()) return true;
        return enumeratedValues.stream()
                .anyMatch(e -> !e.archived() && e.value().equals(value));
    }

    /** Whether {@code value} is in the enumeration, archived or not. */
    public boolean enumerates(String value) {
        return enumeratedValues.stream().anyMatch(e -> e.value().equals(value));
    }
}
