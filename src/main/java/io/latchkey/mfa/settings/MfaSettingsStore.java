package io.latchkey.mfa.settings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code mfa_settings}: one per environment whose settings were written. */
public final class MfaSettingsStore {
    public record Row(ObjectNode doc, long updatedAt) {}

    public Optional<Row> find(Handle h, String env) {
        return h.createQuery("select doc, updated_at from mfa_settings where environment_id = :env")
                .bind("env", env)
                .map((rs, c) -> new Row(Json.parseObject(rs.getString("doc")), rs.getLong("updated_at")))
                .findFirst();
    }

    /**
     * Writes the settings. Update first, else insert; an insert that loses a race with another first write (on
     * conflict nothing) updates after all, so the later writer wins as with any PUT. ({@code on conflict do update}
     * is not in H2.)
     */
    public void upsert(Handle h, String env, ObjectNode doc, long now) {
        if (update(h, env, doc, now) > 0) return;
        int inserted = h.createUpdate("""
                insert into mfa_settings (environment_id, doc, updated_at) values (:env, :doc, :now)
                on conflict do nothing""")
                .bind("env", env)
                .bind("doc", Json.write(doc))
                .bind("now", now)
                .execute();
        if (inserted == 0) update(h, env, doc, now);
    }

    private static int update(Handle h, String env, ObjectNode doc, long now) {
        return h.createUpdate("update mfa_settings set doc = :doc, updated_at = :now where environment_id = :env")
                .bind("env", env)
                .bind("doc", Json.write(doc))
                .bind("now", now)
                .execute();
    }

    public void delete(Handle h, String env) {
        h.createUpdate("delete from mfa_settings where environment_id = :env")
                .bind("env", env)
                .execute();
    }
}
