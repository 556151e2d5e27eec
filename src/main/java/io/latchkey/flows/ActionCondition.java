package io.latchkey.flows;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.http.Json;
import io.latchkey.throttle.IpRanges;
import io.latchkey.users.User;
import java.util.ArrayList;
import java.util.List;

/**
 * A sign-on policy action's {@code condition}: whether the action applies to this sign-on (an action whose condition
 * is false is skipped). A tree of {@code and}/{@code or}/{@code not} over PingOne's leaves:
 *
 * <ul>
 *   <li>{@code {"secondsSince": "${session.lastSignOn.withAuthenticator.mfa.at}", "greater": n}}: true when the
 *       browser's last MFA sign-on is more than n seconds old, or there is none ({@code ...pwd.at} likewise, for
 *       the password);
 *   <li>{@code {"value": "${user.population.id}" | "${user.<path>}", "equals": v}}: the user's attribute is v;
 *   <li>{@code {"contains": "${flow.request.http.remoteIp}", "ipRange": [cidr...]}}: the client's address is in a
 *       range (Terraform's {@code ip_out_of_range_cidr} wraps it in a {@code not});
 *   <li>the risk leaves ({@code ipRisk}, {@code geoVelocity}, {@code anonymousNetwork}) need a risk service Latchkey
 *       does not have: they count as risky (true), so an MFA action guarded by them always runs.
 * </ul>
 *
 * Anything else counts as true: an unknown condition never lets a sign-on skip a step.
 */
final class ActionCondition {
    /** What a condition can read about the sign-on in progress. */
    record Facts(User user, String remoteIp, Long lastMfaAt, Long lastPasswordAt, long now) {}

    private ActionCondition() {}

    static boolean holds(JsonNode condition, Facts facts) {
        if (condition == null || condition.isNull() || condition.isMissingNode()) return true;
        if (!condition.isObject()) return true;
        if (condition.has("and")) {
            for (JsonNode c : condition.get("and")) if (!holds(c, facts)) return false;
            return true;
        }
        if (condition.has("or")) {
            if (condition.get("or").isEmpty()) return true;
            for (JsonNode c : condition.get("or")) if (holds(c, facts)) return true;
            return false;
        }
        if (condition.has("not")) return !holds(condition.get("not"), facts);
        if (condition.has("secondsSince")) return secondsSince(condition, facts);
        if (condition.has("value") && condition.has("equals")) return equalsLeaf(condition, facts.user());
        if (condition.has("ipRange")) return inRange(condition.get("ipRange"), facts.remoteIp());
        return true;
    }

    private static boolean secondsSince(JsonNode c, Facts facts) {
        String variable = c.path("secondsSince").asText("");
        Long at = variable.contains(".mfa.")
                ? facts.lastMfaAt()
                : variable.contains(".pwd.") ? facts.lastPasswordAt() : null;
        if (at == null) return true;
        long greater = c.path("greater").asLong(0);
        return (facts.now() - at) / 1000 > greater;
    }

    private static boolean equalsLeaf(JsonNode c, User user) {
        String variable = c.path("value").asText("");
        if (!variable.startsWith("${user.") || !variable.endsWith("}") || user == null) return false;
        String path = variable.substring("${user.".length(), variable.length() - 1);
        JsonNode expected = c.get("equals");
        JsonNode actual = switch (path) {
            case "population.id" -> Json.MAPPER.valueToTree(user.populationId());
            case "mfaEnabled" -> Json.MAPPER.valueToTree(user.mfaEnabled());
            case "id" -> Json.MAPPER.valueToTree(user.id());
            default -> at(user.doc(), path);
        };
        if (actual == null || actual.isNull() || actual.isMissingNode()) return false;
        if (expected.isBoolean()) return actual.isBoolean() && actual.booleanValue() == expected.booleanValue();
        return actual.isValueNode() && actual.asText().equals(expected.asText());
    }

    private static JsonNode at(JsonNode doc, String dotted) {
        JsonNode n = doc;
        for (String part : dotted.split("\\.")) {
            if (n == null) return null;
            n = n.get(part);
        }
        return n;
    }

    private static boolean inRange(JsonNode ranges, String remoteIp) {
        List<String> entries = new ArrayList<>();
        ranges.forEach(r -> entries.add(r.asText("")));
        try {
            return IpRanges.parse(entries).contains(remoteIp);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
