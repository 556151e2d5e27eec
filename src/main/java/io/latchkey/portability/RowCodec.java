package io.latchkey.portability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.crypto.SecretBox;
import io.latchkey.http.Json;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A row between the database and the file: columns in alphabetical order, {@code doc} columns (validated JSON, see
 * V1) as JSON with sorted keys rather than a string, so that a change shows as a one-line diff; sealed columns
 * unsealed (in clear) or replaced by {@link #WITHHELD}.
 */
final class RowCodec {
    /** Stands for a sealed value left out of the file: an import keeps the stored one, or makes a new one. */
    static final String WITHHELD = "(withheld)";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final TableColumns columns;
    private final PortableTable table;
    private final SecretBox box;

    RowCodec(TableColumns columns, PortableTable table, SecretBox box) {
        this.columns = columns;
        this.table = table;
        this.box = box;
    }

    TableColumns columns() {
        return columns;
    }

    /** The current row of {@code rs} as the file holds it. */
    ObjectNode read(ResultSet rs, boolean withSecrets) throws SQLException {
        ObjectNode row = NODES.objectNode();
        for (String name : new java.util.TreeSet<>(columns.types().keySet())) {
            Object value = rs.getObject(name);
            if (value instanceof Clob clob) value = clob.getSubString(1, (int) clob.length());
            if (value == null) {
                row.putNull(name);
            } else if (table.sealed().contains(name)) {
                row.put(name, withSecrets ? box.decrypt(value.toString()) : WITHHELD);
            } else if (name.equals("doc")) {
                row.set(name, sorted(parse(value.toString())));
            } else if (value instanceof Boolean b) {
                row.put(name, b);
            } else if (value instanceof Integer || value instanceof Short) {
                row.put(name, ((Number) value).intValue());
            } else if (value instanceof Number n) {
                row.put(name, n.longValue());
            } else {
                row.put(name, value.toString());
            }
        }
        return row;
    }

    /** The primary key's values of a file row, as one string. */
    String key(JsonNode row) {
        StringBuilder b = new StringBuilder();
        for (String k : columns.primaryKey()) b.append(row.path(k).asText()).append('\u0000');
        return b.toString();
    }

    /** Binds {@code names} of {@code row} to {@code ps} from parameter {@code first} on; returns the next index. */
    int bind(PreparedStatement ps, int first, List<String> names, JsonNode row) throws SQLException {
        int i = first;
        for (String name : names) {
            int type = columns.types().get(name);
            JsonNode v = row.get(name);
            if (v == null || v.isNull()) {
                ps.setNull(i++, type);
            } else if (table.sealed().contains(name)) {
                ps.setString(i++, box.encrypt(v.asText()));
            } else if (name.equals("doc")) {
                ps.setString(i++, v.isTextual() ? v.asText() : Json.write(v));
            } else {
                switch (type) {
                    case Types.BIGINT -> ps.setLong(i++, v.asLong());
                    case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> ps.setInt(i++, v.asInt());
                    case Types.BOOLEAN, Types.BIT -> ps.setBoolean(i++, v.asBoolean());
                    default -> ps.setString(i++, v.isTextual() ? v.asText() : v.toString());
                }
            }
        }
        return i;
    }

    static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            // A doc column the service wrote is JSON; one that is not is exported as the text it is.
            return NODES.textNode(json);
        }
    }

    /** {@code node} with every object's keys in alphabetical order (arrays keep theirs: it means something). */
    static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                fields.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode o = NODES.objectNode();
            fields.forEach(o::set);
            return o;
        }
        if (node.isArray()) {
            ArrayNode a = NODES.arrayNode();
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            items.forEach(n -> a.add(sorted(n)));
            return a;
        }
        return node;
    }
}
