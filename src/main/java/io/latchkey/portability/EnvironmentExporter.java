package io.latchkey.portability;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.latchkey.crypto.SecretBox;
import io.latchkey.http.Json;
import io.latchkey.storage.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Writes environments as one JSON document:
 *
 * <pre>
 * {"latchkeyExport": 1, "organizationId": ..., "withSecrets": .., "withUsers": ..,
 *  "environments": [{"id": ..., "tables": {"environments": [row], "populations": [rows], ...}}]}
 * </pre>
 *
 * Environments by id, tables in {@link PortableTables} order, rows by primary key, columns and JSON keys in
 * alphabetical order, no time of export: exporting an unchanged environment twice gives the same bytes, and a change
 * is a small diff. Rows are streamed, so an environment with many users needs no memory for them. All environments
 * are read in one transaction, so the file is one consistent state even beside running servers (on PostgreSQL).
 */
public final class EnvironmentExporter {
    public static final int FORMAT = 1;

    private final Database db;
    private final SecretBox box;

    public EnvironmentExporter(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    /** How much an export wrote. */
    public record Counts(int environments, long rows) {}

    /** The environments an export of {@code options} holds; unknown ids are refused by the caller beforehand. */
    public List<String> environments(ExportOptions options) {
        if (!options.environmentIds().isEmpty()) return options.environmentIds();
        return db.withHandle(h -> h.createQuery("select id from environments order by id")
                .mapTo(String.class)
                .list());
    }

    /**
     * Writes the export to {@code out} (left open). {@code header} holds installation facts (the organization id, the
     * administrators environment) an import into an empty database restores.
     */
    public Counts export(ExportOptions options, Map<String, String> header, OutputStream out, Progress progress) {
        return db.inTransaction(h -> {
            try {
                Connection c = h.getConnection();
                List<String> envs = environments(options);
                List<PortableTable> tables = PortableTables.ALL.stream()
                        .filter(t -> options.withUsers() || !t.users())
                        .toList();
                progress.start(count(c, envs, tables), "rows");
                JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
                g.setPrettyPrinter(new DefaultPrettyPrinter());
                g.writeStartObject();
                g.writeNumberField("latchkeyExport", FORMAT);
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(header).entrySet())
                    g.writeStringField(e.getKey(), e.getValue());
                g.writeBooleanField("withSecrets", options.withSecrets());
                g.writeBooleanField("withUsers", options.withUsers());
                g.writeArrayFieldStart("environments");
                for (String env : envs) {
                    g.writeStartObject();
                    g.writeStringField("id", env);
                    g.writeObjectFieldStart("tables");
                    for (PortableTable t : tables) writeTable(c, g, env, t, options.withSecrets(), progress);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
                g.writeRaw('\n');
                g.flush();
                progress.finish();
                return new Counts(envs.size(), progress.done());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void writeTable(
            Connection c, JsonGenerator g, String env, PortableTable t, boolean withSecrets, Progress progress)
            throws SQLException, IOException {
        RowCodec codec = new RowCodec(TableColumns.of(c, t.table()), t, box);
        g.writeArrayFieldStart(t.name());
        try (PreparedStatement ps = c.prepareStatement(t.selectSql().replace(":env", "?") + " order by "
                + codec.columns().orderBy())) {
            ps.setString(1, env);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    g.writeTree(codec.read(rs, withSecrets));
                    progress.advance(1);
                }
            }
        }
        g.writeEndArray();
    }

    private static long count(Connection c, List<String> envs, List<PortableTable> tables) throws SQLException {
        long n = 0;
        for (String env : envs) {
            for (PortableTable t : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from " + t.table() + " where "
                        + t.where().replace(":env", "?"))) {
                    ps.setString(1, env);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        n += rs.getLong(1);
                    }
                }
            }
        }
        return n;
    }
}
