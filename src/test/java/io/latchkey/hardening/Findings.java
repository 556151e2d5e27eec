package io.latchkey.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every failure of one campaign run, collected (not thrown) so that one assertion at the end lists them all, grouped
 * by probable root cause: the server's exception (class, message with ids and numbers blurred, first Latchkey frame)
 * for a 500, the kind of problem and the kind of input otherwise.
 */
final class Findings {
    /** One failed check: which route, which hostile input, what was sent, what came back, what is wrong. */
    record Finding(
            String route,
            String kind,
            String where,
            String problem,
            String request,
            String answer,
            ServerLog.Cause server) {
        String cause() {
            String what = problem.replaceFirst("( \\(| \\[|: ).*", "");
            return what + " — " + (server != null ? server.key() : kind);
        }

        String input() {
            return where == null ? kind : kind + " @ " + where;
        }
    }

    private final List<Finding> all = new ArrayList<>();
    private final String title;

    Findings(String title) {
        this.title = title;
    }

    synchronized void add(Finding f) {
        all.add(f);
    }

    synchronized boolean isEmpty() {
        return all.isEmpty();
    }

    synchronized int size() {
        return all.size();
    }

    /** The whole list, grouped by cause, each group's routes and requests underneath. */
    synchronized String report() {
        Map<String, List<Finding>> byCause = new TreeMap<>();
        for (Finding f : all)
            byCause.computeIfAbsent(f.cause(), k -> new ArrayList<>()).add(f);
        StringBuilder sb = new StringBuilder();
        sb.append(title)
                .append(": ")
                .append(all.size())
                .append(" failure(s) in ")
                .append(byCause.size())
                .append(" group(s) of probable cause\n");
        int g = 0;
        for (Map.Entry<String, List<Finding>> e : byCause.entrySet()) {
            Map<String, Integer> routes = new LinkedHashMap<>();
            for (Finding f : e.getValue()) routes.merge(f.route(), 1, Integer::sum);
            sb.append("\n=== [")
                    .append(++g)
                    .append("] ")
                    .append(e.getKey())
                    .append("\n    ")
                    .append(e.getValue().size())
                    .append(" failure(s) on ")
                    .append(routes.size())
                    .append(" route(s)\n");
            for (Finding f : e.getValue()) {
                sb.append("  - ")
                        .append(f.route())
                        .append(" — ")
                        .append(f.input())
                        .append(": ")
                        .append(f.problem())
                        .append('\n')
                        .append("      sent:   ")
                        .append(f.request())
                        .append('\n')
                        .append("      answer: ")
                        .append(f.answer())
                        .append('\n');
                if (f.server() != null)
                    sb.append("      server: ").append(f.server().detail()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Ids, numbers and quoted values out of a message, so that one cause on many routes is one group. */
    static String blur(String cause) {
        return cause.replaceAll("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "<id>")
                .replaceAll("'[^']*('|$)", "'…'")
                .replaceAll("\"[^\"]{40,}(\"|$)", "\"…\"")
                .replaceAll("\\(\\d{3,}\\)", "(n)")
                .replaceAll("…\\(\\d+ chars\\)", "…");
    }
}
