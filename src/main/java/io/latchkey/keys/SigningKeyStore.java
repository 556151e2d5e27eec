package io.latchkey.keys;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Rows of {@code signing_keys}: the public JWK in clear, the private one sealed by the master key. */
public final class SigningKeyStore {
    public record Row(
            String id,
            String environmentId,
            String algorithm,
            String publicJwk,
            String privateKeyEnc,
            boolean isDefault,
            long createdAt,
            long expiresAt) {}

    public void insert(Handle h, Row r) {
        h.createUpdate("""
                insert into signing_keys (id, environment_id, algorithm, public_jwk, private_key_enc, is_default, created_at, expires_at)
                values (:id, :environmentId, :algorithm, :publicJwk, :privateKeyEnc, :isDefault, :createdAt, :expiresAt)""").bindMethods(r).execute();
    }

    public Optional<Row> findDefault(Handle h, String environmentId) {
        return h.createQuery(
                        "select * from signing_keys where environment_id = :env and is_default order by created_at desc")
                .bind("env", environmentId)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public Optional<Row> find(Handle h, String id) {
        return h.createQuery("select * from signing_keys where id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
                .findFirst();
    }

    public List<Row> list(Handle h, String environmentId) {
        return h.createQuery("select * from signing_keys where environment_id = :env order by id")
                .bind("env", environmentId)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(
                rs.getString("id"),
                rs.getString("environment_id"),
                rs.getString("algorithm"),
                rs.getString("public_jwk"),
                rs.getString("private_key_enc"),
                rs.getBoolean("is_default"),
                rs.getLong("created_at"),
                rs.getLong("expires_at"));
    }
}
