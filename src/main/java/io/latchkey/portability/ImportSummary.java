package io.latchkey.portability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an import did (or, in a dry run, would do) per environment and table: rows created, updated and unchanged, or
 * why an environment was refused (then none of its rows changed). No row's values appear here.
 */
public final class ImportSummary {
    /** Counts of one table of one environment. */
    public static final class Counts {
        public long created;
        public long updated;
        public long unchanged;

        boolean changed() {
            return created + updated > 0;
        }
    }

    /** One environment: its tables' counts, or the reason it was refused. */
    public record Environment(String id, Map<String, Counts> tables, List<String> problems) {
        public boolean refused() {
            return !problems.isEmpty();
        }

        public boolean changed() {
            return tables.values().stream().anyMatch(Counts::changed);
        }
    }

    private final List<Environment> environments = new ArrayList<>();

    Environment add(String id) {
        Environment e = new Environment(id, new LinkedHashMap<>(), new ArrayList<>());
        environments.add(e);
        return e;
    }

    public List<Environment> environments() {
        return environments;
    }

    public boolean anyRefused() {
        return environments.stream().anyMatch(Environment::refused);
    }

    public boolean anyChange() {
        return environments.stream().anyMatch(e -> !e.refused() && e.changed());
    }

    /** Lines for the operator: one per environment, then one per table that has rows. */
    public List<String> lines(boolean dryRun) {
        List<String> lines = new ArrayList<>();
        String verb = dryRun ? "would be" : "";
        for (Environment e : environments) {
            if (e.refused()) {
                lines.add(
                        "environment " + e.id() + ": refused, nothing " + (dryRun ? "would change" : "changed") + ":");
                e.problems().forEach(p -> lines.add("  " + p));
                continue;
            }
            lines.add("environment " + e.id() + ": "
                    + (e.changed() ? (dryRun ? "would change" : "changed") : "unchanged"));
            e.tables().forEach((table, c) -> {
                if (c.created + c.updated + c.unchanged == 0) return;
                lines.add(String.format(
                        "  %-32s %s%d created, %d updated, %d unchanged",
                        table, verb.isEmpty() ? "" : verb + ": ", c.created, c.updated, c.unchanged));
            });
        }
        return lines;
    }
}
