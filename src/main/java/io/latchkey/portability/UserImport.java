package io.latchkey.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.users.UserService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * {@code latchkey import-users}: users from JSON lines (one {@code POST /users} body per line, as with the
 * {@code user.import+json} content type) or CSV (a header row naming the attributes, dotted for nested ones:
 * {@code username,email,name.given,name.family,password}). Every user goes through {@link UserService#importBatch},
 * so it is valid as if created over the API; a thousand at a time share one transaction. A refused line is reported
 * with its number, the attribute and the reason, never its values, and does not stop the others.
 */
public final class UserImport {
    /** How many users share a transaction: a commit per user would bound the import by the disk's sync rate. */
    static final int BATCH = 1000;

    private static final Set<String> BOOLEANS =
            Set.of("enabled", "emailVerified", "mfaEnabled", "password.forceChange");

    public enum Format {
        JSONL,
        CSV
    }

    /** One refused line: its number in the file, the attribute at fault (may be null) and why. */
    public record Rejected(long line, String field, String message) {
        @Override
        public String toString() {
            return "line " + line + (field == null ? "" : ", " + field) + ": " + message;
        }
    }

    /** What the import did. */
    public record Summary(long imported, List<Rejected> rejected) {}

    private final UserService users;
    private final String env;
    private final String populationId;
    private final Progress progress;
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<ObjectNode> batch = new ArrayList<>();
    private final List<Long> batchLines = new ArrayList<>();
    private long imported;

    public UserImport(UserService users, String env, String populationId, Progress progress) {
        this.users = users;
        this.env = env;
        this.populationId = populationId;
        this.progress = progress;
    }

    /** Imports every line of {@code in}; {@code lines} (for the progress bar) may be 0 when unknown. */
    public Summary run(Reader in, Format format, long lines) {
        progress.start(lines, "lines");
        try {
            if (format == Format.JSONL) readJsonLines(in);
            else readCsv(in);
            flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        progress.finish();
        rejected.sort(java.util.Comparator.comparingLong(Rejected::line));
        return new Summary(imported, List.copyOf(rejected));
    }

    private void readJsonLines(Reader in) throws IOException {
        BufferedReader reader = new BufferedReader(in);
        long number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.isBlank()) {
                progress.advance(1);
                continue;
            }
            JsonNode node;
            try {
                node = Json.parse(line);
            } catch (IllegalArgumentException e) {
                reject(number, null, "not valid JSON");
                continue;
            }
            if (!node.isObject()) {
                reject(number, null, "not a JSON object");
                continue;
            }
            ObjectNode body = (ObjectNode) node;
            // "password": "..." is short for "password": {"value": "..."}.
            if (body.path("password").isTextual()) {
                String value = body.get("password").asText();
                body.putObject("password").put("value", value);
            }
            add(number, body);
        }
    }

    private void readCsv(Reader in) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            long nextLine = parser.getCurrentLineNumber() + 1;
            var records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) break;
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    reject(
                            nextLine,
                            null,
                            "malformed CSV (a quoted field is not closed); the lines after it were not read");
                    return;
                }
                long number = nextLine;
                nextLine = parser.getCurrentLineNumber() + 1;
                if (record.size() != header.size()) {
                    reject(number, null, "has " + record.size() + " fields; the header names " + header.size());
                    continue;
                }
                ObjectNode body = Json.object();
                for (int i = 0; i < header.size(); i++) {
                    String value = record.get(i);
                    if (value.isEmpty()) continue;
                    String column = header.get(i).equals("password") ? "password.value" : header.get(i);
                    put(body, column, value);
                }
                add(number, body);
            }
        }
    }

    /** Sets {@code a.b.c} in {@code body}; true/false of the boolean attributes as booleans. */
    private static void put(ObjectNode body, String path, String value) {
        String[] parts = path.split("\\.");
        ObjectNode node = body;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (BOOLEANS.contains(path) && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")))
            node.put(last, Boolean.parseBoolean(value));
        else node.put(last, value);
    }

    private void add(long number, ObjectNode body) {
        batch.add(body);
        batchLines.add(number);
        if (batch.size() >= BATCH) flush();
    }

    private void flush() {
        if (batch.isEmpty()) return;
        List<UserService.ImportOutcome> outcomes = users.importBatch(env, populationId, batch);
        for (int i = 0; i < outcomes.size(); i++) {
            UserService.ImportOutcome o = outcomes.get(i);
            if (o.problems().isEmpty()) {
                imported++;
            } else {
                for (ErrorDetail d : o.problems())
                    rejected.add(new Rejected(batchLines.get(i), d.target(), d.message()));
            }
        }
        progress.advance(batch.size());
        batch.clear();
        batchLines.clear();
    }

    private void reject(long line, String field, String message) {
        rejected.add(new Rejected(line, field, message));
        progress.advance(1);
    }
}
