package io.latchkey.passwords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.storage.Ids;
import org.jdbi.v3.core.Handle;

/** The three password policies every new environment gets: Standard (the default), Passphrase and Basic. */
public final class BuiltInPasswordPolicies {
    private BuiltInPasswordPolicies() {}

    /** Inserts the built-in policies; returns the id of Standard, the environment default. */
    public static String create(Handle h, String env) {
        String standard = insert(h, env, "Standard", true, standard());
        insert(h, env, "Passphrase", false, passphrase());
        insert(h, env, "Basic", false, basic());
        return standard;
    }

    private static ObjectNode common(String description, boolean profileChecks) {
        ObjectNode d = Json.object();
        d.put("description", description);
        d.put("excludesProfileData", profileChecks);
        d.put("notSimilarToCurrent", profileChecks);
        d.put("excludesCommonlyUsed", true);
        d.putObject("history").put("count", 6).put("retentionDays", 365);
        d.putObject("lockout").put("failureCount", 5).put("durationSeconds", 900);
        return d;
    }

    private static void charsets(ObjectNode d) {
        ObjectNode m = d.putObject("minCharacters");
        m.put("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1);
        m.put("abcdefghijklmnopqrstuvwxyz", 1);
        m.put("0123456789", 1);
        m.put("~!@#$%^&*()-_=+[]{}|;:,.<>/?", 1);
    }

    static ObjectNode standard() {
        ObjectNode d = common("A standard policy that incorporates industry best practices", true);
        d.put("maxRepeatedCharacters", 2);
        d.put("minUniqueCharacters", 5);
        d.putObject("length").put("min", 8).put("max", 255);
        charsets(d);
        d.put("maxAgeDays", 182);
        d.put("minAgeDays", 1);
        return d;
    }

    static ObjectNode passphrase() {
        ObjectNode d = common("A policy that encourages the use of passphrases", true);
        d.put("minComplexity", 7);
        d.put("maxAgeDays", 182);
        d.put("minAgeDays", 1);
        return d;
    }

    static ObjectNode basic() {
        ObjectNode d = common("A basic policy that incorporates minimal requirements", false);
        d.putObject("length").put("min", 8).put("max", 255);
        charsets(d);
        d.remove("history");
        return d;
    }

    private static String insert(Handle h, String env, String name, boolean isDefault, ObjectNode doc) {
        String id = Ids.newId();
        long now = System.currentTimeMillis();
        new PasswordPolicyStore().insert(h, new PasswordPolicy(id, env, name, isDefault, true, doc, now, now));
        return id;
    }
}
