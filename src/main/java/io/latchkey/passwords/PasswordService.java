package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** PLACEHOLDER until the identity branch lands (same signatures as agreed). */
public class PasswordService {
    public SignOnCheck checkSignOn(String env, String userId, String password) { throw new UnsupportedOperationException(); }
    public void change(String env, String userId, String current, String next) { throw new UnsupportedOperationException(); }
    public ObjectNode policyFor(String env, String userId) { throw new UnsupportedOperationException(); }
    public String startRecovery(String env, String userId) { throw new UnsupportedOperationException(); }
    public void recover(String env, String userId, String code, String newPassword) { throw new UnsupportedOperationException(); }
}
