package io.latchkey.users;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** PLACEHOLDER until the identity branch lands (same signatures as agreed). */
public class UserService {
    public Optional<User> findByUsername(String env, String username) { throw new UnsupportedOperationException(); }
    public Optional<User> find(String env, String id) { throw new UnsupportedOperationException(); }
    public User get(String env, String id) { throw new UnsupportedOperationException(); }
    public User register(String env, String populationId, JsonNode body) { throw new UnsupportedOperationException(); }
}
