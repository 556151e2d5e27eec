package io.latchkey.metrics;

import java.util.Arrays;

/** One scrape of {@code /metrics} (Prometheus text format), read the way a test needs it. */
record Scrape(String text) {
    /**
     * The value of the sample {@code name} whose labels include every {@code label="value"} given (as pairs); 0 when no
     * such sample exists yet (a counter that never moved may not be written).
     */
    double value(String name, String... labelPairs) {
        for (String line : text.split("\n")) {
            if (!line.startsWith(name + "{")) continue;
            int close = line.lastIndexOf('}');
            String labels = line.substring(name.length() + 1, close);
            boolean all = true;
            for (int i = 0; i < labelPairs.length; i += 2) {
                all &= Arrays.asList(labels.split(",")).contains(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\"");
            }
            if (all) return Double.parseDouble(line.substring(close + 1).trim());
        }
        return 0;
    }

    boolean has(String name) {
        return text.lines().anyMatch(l -> l.startsWith(name + "{") || l.startsWith(name + " "));
    }
}
