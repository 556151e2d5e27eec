/**
 * Attribute mappings of applications ({@code /applications/{appId}/attributes}): which claims an application's ID
 * tokens and userinfo answers carry, and {@link io.latchkey.applicationattributes.ApplicationClaims}, which puts them
 * there. Builds on applications, resources, resource grants and the token generator; nothing depends on it but the
 * composition root.
 */
package io.latchkey.applicationattributes;
