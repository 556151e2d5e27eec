package io.latchkey.applicationpermissions;

/**
 * Whether a user exists in an environment, so that assigning roles to an unknown user is 404 as in PingOne.
 * The users feature provides it ({@code (env, id) -> users.find(env, id).isPresent()}).
 */
@FunctionalInterface
public interface UserLookup {
    boolean exists(String env, String userId);
}
