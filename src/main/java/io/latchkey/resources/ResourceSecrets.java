package io.latchkey.resources;

/** PLACEHOLDER until the resources branch lands (same signature as agreed). */
public class ResourceSecrets {
    public boolean matches(String env, String resourceId, String presented) { throw new UnsupportedOperationException(); }
}
