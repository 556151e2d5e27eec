package io.latchkey.portability;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.crypto.Secrets;
import io.latchkey.http.Json;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.storage.Database;
import io.latchkey.storage.Ids;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

/**
 * Reads a document {@link EnvironmentExporter} wrote and makes each environment in it match: rows are created or
 * updated by primary key (ids are kept), equal ones left alone, rows the file does not hold are not deleted. Each
 * environment is one transaction: it is imported whole or, at its first problem, not at all (the others still are).
 * A dry run does the same writes and rolls every transaction back, so it reports what the database itself would
 * refuse (a name another environment holds, a missing reference). The file is streamed: memory grows with the rows of
 * one table in the database, not with the file.
 */
public final class EnvironmentImporter {
    private static final int BATCH = 500;
    // One row at a time from the middle of the document: what follows a row is not trailing garbage here.
    private static final com.fasterxml.jackson.databind.ObjectReader ROWS =
            Json.MAPPER.reader().without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A file that is not an export this version reads; nothing was imported. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    /** What the file says beside its environments (the organization id, ...), and what became of them. */
    public record Result(Map<String, String> header, ImportSummary summary) {}

    private final Database db;
    private final SecretBox box;
    // How far into the file the progress bar has been told.
    private long progressAt;

    public EnvironmentImporter(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    public Result importFrom(InputStream in, long size, boolean dryRun, Progress progress) {
        Map<String, String> header = new TreeMap<>();
        ImportSummary summary = new ImportSummary();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new Unreadable("The file is not a JSON object.");
            progress.start(size, "bytes");
            boolean versioned = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("latchkeyExport")) {
                    if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != EnvironmentExporter.FORMAT)
                        throw new Unreadable("latchkeyExport is " + p.getText() + "; this version reads "
                                + EnvironmentExporter.FORMAT + ".");
                    versioned = true;
                } else if (field.equals("environments")) {
                    if (!versioned) throw new Unreadable("The file does not start with \"latchkeyExport\": 1.");
                    if (value != JsonToken.START_ARRAY) throw new Unreadable("environments is not an array.");
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        importEnvironment(p, summary, dryRun, progress);
                    }
                } else if (value.isScalarValue()) {
                    header.put(field, p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (!versioned) throw new Unreadable("The file has no \"latchkeyExport\" version.");
            progress.finish();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Unreadable(
                    "The file is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(header, summary);
    }

    private void importEnvironment(JsonParser p, ImportSummary summary, boolean dryRun, Progress progress)
            throws IOException {
        String env = null;
        ImportSummary.Environment result = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals("id")) {
                env = p.getText();
            } else if (field.equals("tables") && p.currentToken() == JsonToken.START_OBJECT) {
                result = summary.add(env);
                if (env == null || !Ids.isUuid(env)) {
                    result.problems().add("the environment's \"id\" (before \"tables\") is not a UUID");
                    p.skipChildren();
                    continue;
                }
                importTables(p, env, result, dryRun, progress);
            } else {
                p.skipChildren();
            }
        }
        if (result == null) summary.add(env).problems().add("the environment has no \"tables\"");
    }

    /** One environment's tables in one transaction; after a problem, the rest of its rows are read and ignored. */
    private void importTables(
            JsonParser p, String env, ImportSummary.Environment result, boolean dryRun, Progress progress)
            throws IOException {
        try (Handle h = db.jdbi().open()) {
            h.begin();
            Connection c = h.getConnection();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                PortableTable table = PortableTables.named(name).orElse(null);
                if (table == null || p.currentToken() != JsonToken.START_ARRAY) {
                    if (result.problems().isEmpty())
                        result.problems().add("tables." + name + ": not a table this version exports");
                    p.skipChildren();
                    continue;
                }
                TableImport t = result.problems().isEmpty() ? start(c, env, table, result) : null;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    ObjectNode row = (ObjectNode) ROWS.readTree(p);
                    progress.advance(p.currentLocation().getByteOffset() - progressAt);
                    progressAt = p.currentLocation().getByteOffset();
                    if (t == null || !result.problems().isEmpty()) continue;
                    try {
                        t.add(row);
                    } catch (SQLException | RuntimeException e) {
                        result.problems().add(describe(name, e));
                    }
                }
                if (t != null && result.problems().isEmpty()) {
                    try {
                        t.finish();
                        result.tables().put(name, t.counts);
                    } catch (SQLException | RuntimeException e) {
                        result.problems().add(describe(name, e));
                    }
                }
            }
            if (dryRun || !result.problems().isEmpty()) h.rollback();
            else h.commit();
        }
    }

    private TableImport start(Connection c, String env, PortableTable table, ImportSummary.Environment result) {
        try {
            return new TableImport(c, env, table);
        } catch (SQLException e) {
            result.problems().add(describe(table.name(), e));
            return null;
        }
    }

    /** Why a table's rows could not be written: the kind of failure, never the statement's values. */
    private static String describe(String table, Exception e) {
        if (e instanceof RowRefused r) return "tables." + table + ": " + r.getMessage();
        String state = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                state = s.getSQLState();
                if (t instanceof BatchUpdateException && s.getNextException() != null)
                    state = s.getNextException().getSQLState();
                break;
            }
        }
        String what = switch (state == null ? "" : state) {
            case "23505" -> "a row's id or unique value (a name, say) is already used elsewhere in the database";
            case "23503" -> "a row refers to a row that is neither in the file nor in the database";
            case "23502" -> "a row lacks a value its column requires";
            default -> "the database refused a row" + (state == null ? "" : " (SQLState " + state + ")");
        };
        return "tables." + table + ": " + what;
    }

    /** A row of the file that cannot be imported whatever the database holds. */
    static final class RowRefused extends RuntimeException {
        RowRefused(String message) {
            super(message);
        }
    }

    /** The import of one table of one environment: compares with what is stored, then batches the writes. */
    private final class TableImport {
        final ImportSummary.Counts counts = new ImportSummary.Counts();
        private final Connection c;
        private final String env;
        private final PortableTable table;
        private final RowCodec codec;
        // What is stored, by primary key: the row itself where a sealed column needs comparing column by column, else
        // only its canonical text (a hundred thousand users' rows as trees would take gigabytes).
        private final Map<String, Object> stored = new HashMap<>();
        private final Set<String> keys = new HashSet<>();
        private final PreparedStatement insert;
        private int pending;

        TableImport(Connection c, String env, PortableTable table) throws SQLException {
            this.c = c;
            this.env = env;
            this.table = table;
            this.codec = new RowCodec(TableColumns.of(c, table.table()), table, box);
            try (PreparedStatement ps = c.prepareStatement(table.selectSql().replace(":env", "?"))) {
                ps.setString(1, env);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectNode row = codec.read(rs, true);
                        stored.put(codec.key(row), table.sealed().isEmpty() ? canonical(row) : row);
                    }
                }
            }
            List<String> names = codec.columns().names();
            this.insert = c.prepareStatement("insert into " + table.table() + " (" + String.join(", ", names)
                    + ") values (" + String.join(", ", java.util.Collections.nCopies(names.size(), "?")) + ")");
        }

        private static String canonical(ObjectNode row) {
            return RowCodec.sorted(row).toString();
        }

        void add(ObjectNode row) throws SQLException {
            check(row);
            String key = codec.key(row);
            if (!keys.add(key)) throw new RowRefused("two rows have the primary key " + describeKey(row));
            Object current = stored.remove(key);
            if (current == null) {
                insert(row);
            } else if (same(row, current)) {
                counts.unchanged++;
            } else {
                update(row);
            }
        }

        /** What holds whatever the database says: the row belongs to this environment, and hashes are hashes. */
        private void check(ObjectNode row) {
            for (String k : codec.columns().primaryKey()) {
                if (row.path(k).isNull() || row.path(k).isMissingNode()) throw new RowRefused("a row has no " + k);
            }
            String owner = table.table().equals("environments")
                    ? row.path("id").asText()
                    : codec.columns().has("environment_id")
                            ? row.path("environment_id").asText()
                            : env;
            if (!env.equals(owner)) throw new RowRefused("row " + describeKey(row) + " belongs to another environment");
            if (row.has("hash")
                    && (table.table().equals("user_passwords") || table.table().equals("password_history"))
                    && !PasswordHasher.wellFormed(row.get("hash").asText()))
                throw new RowRefused("row " + describeKey(row) + " holds a password hash in no supported format");
        }

        private String describeKey(ObjectNode row) {
            List<String> parts = new ArrayList<>();
            for (String k : codec.columns().primaryKey())
                parts.add(k + "=" + row.path(k).asText());
            return String.join(",", parts);
        }

        private boolean same(ObjectNode row, Object current) {
            if (current instanceof String text) return text.equals(canonical(row));
            ObjectNode mine = ((ObjectNode) current).deepCopy();
            for (String s : table.sealed()) {
                if (RowCodec.WITHHELD.equals(row.path(s).asText(null))
                        && !mine.path(s).isNull()) mine.put(s, RowCodec.WITHHELD);
            }
            return canonical(mine).equals(canonical(row));
        }

        private void insert(ObjectNode row) throws SQLException {
            ObjectNode r = row.deepCopy();
            for (String s : table.sealed()) {
                if (!RowCodec.WITHHELD.equals(r.path(s).asText(null))) continue;
                // Withheld from the file: a new secret for the current one (read it with GET .../secret), no previous.
                if (s.equals("secret_enc")) r.put(s, Secrets.random(Secrets.CLIENT_SECRET_LENGTH));
                else r.putNull(s);
            }
            codec.bind(insert, 1, codec.columns().names(), r);
            insert.addBatch();
            counts.created++;
            if (++pending >= BATCH) flush();
        }

        private void update(ObjectNode row) throws SQLException {
            List<String> set = new ArrayList<>();
            for (String name : codec.columns().names()) {
                if (codec.columns().primaryKey().contains(name)) continue;
                if (table.sealed().contains(name)
                        && RowCodec.WITHHELD.equals(row.path(name).asText(null))) continue;
                set.add(name);
            }
            counts.updated++;
            if (set.isEmpty()) return;
            StringBuilder sql = new StringBuilder("update " + table.table() + " set ");
            sql.append(String.join(", ", set.stream().map(n -> n + " = ?").toList()));
            sql.append(" where ");
            sql.append(String.join(
                    " and ",
                    codec.columns().primaryKey().stream().map(n -> n + " = ?").toList()));
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int next = codec.bind(ps, 1, set, row);
                codec.bind(ps, next, codec.columns().primaryKey(), row);
                ps.executeUpdate();
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) insert.executeBatch();
            pending = 0;
        }

        /** Writes what is left, then checks every row of the file landed in this environment (a join table's rows). */
        void finish() throws SQLException {
            flush();
            insert.close();
            Set<String> mine = new HashSet<>();
            List<String> pk = codec.columns().primaryKey();
            try (PreparedStatement ps = c.prepareStatement("select " + String.join(", ", pk) + " from " + table.table()
                    + " where " + table.where().replace(":env", "?"))) {
                ps.setString(1, env);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= pk.size(); i++)
                            b.append(rs.getString(i)).append('\u0000');
                        mine.add(b.toString());
                    }
                }
            }
            for (String key : keys) {
                if (!mine.contains(key)) throw new RowRefused("a row refers to rows of another environment");
            }
        }
    }
}
