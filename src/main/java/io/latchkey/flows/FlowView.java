package io.latchkey.flows;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.Json;
import io.latchkey.http.Links;
import io.latchkey.users.User;

/** The flow object PingOne clients read: status, the actions offered as {@code _links}, embedded user and app. */
public final class FlowView {
    private FlowView() {}

    public static String flowUrl(Links links, String env, String flowId) {
        return links.url("/" + env + "/flows/" + flowId);
    }

    public static String resumeUrl(Links links, String env, String flowId) {
        return links.url("/" + env + "/as/resume?flowId=" + flowId);
    }

    public static String signOnPageUrl(Links links, String env, String flowId) {
        return links.url("/" + env + "/signon/?flowId=" + flowId);
    }

    /**
     * The MFA step's part, as PingOne shows it: the devices offered ({@code _embedded.devices}, phone and email
     * masked), the selected one, and {@code bypassAllowed} (always false: Latchkey has no bypass).
     */
    private static void multiFactor(ObjectNode n, ObjectNode embedded, Flow f) {
        ArrayNode devices = embedded.putArray("devices");
        for (MultiFactor.Device d : MfaStep.offered(f)) {
            ObjectNode e =
                    devices.addObject().put("id", d.id()).put("type", d.type()).put("status", "ACTIVE");
            if (d.masked() != null) e.put(d.type().equals("EMAIL") ? "email" : "phone", d.masked());
        }
        MfaStep.selected(f).ifPresent(id -> n.putObject("selectedDevice").put("id", id));
        n.put("bypassAllowed", false);
        // A JSON string (as PingOne's deviceAuthentications give it): the options for navigator.credentials.get().
        if (f.status() == FlowStatus.ASSERTION_REQUIRED) {
            MfaStep.assertionOptions(f).ifPresent(o -> n.put("publicKeyCredentialRequestOptions", o));
        }
    }

    /**
     * @param user            the user the flow is for, when known
     * @param applicationName shown on sign-on pages
     * @param passwordPolicy  the effective policy, embedded while a new password is asked for
     */
    public static ObjectNode render(
            Links links,
            Flow f,
            Iterable<FlowAction> offered,
            User user,
            String applicationName,
            ObjectNode passwordPolicy) {
        String self = flowUrl(links, f.environmentId(), f.id());
        Links.Hal hal = links.hal().rel("self", self);
        for (FlowAction a : offered) hal.rel(a.rel(), self);
        hal.rel("signOnPage", signOnPageUrl(links, f.environmentId(), f.id()));
        ObjectNode n = Json.object();
        n.set("_links", hal.node());
        n.put("id", f.id());
        n.set("environment", Json.idRef(f.environmentId()));
        n.put("status", f.status().name());
        n.put("resumeUrl", resumeUrl(links, f.environmentId(), f.id()));
        n.put("createdAt", Json.time(f.createdAt()));
        n.put("expiresAt", Json.time(f.expiresAt()));
        if (f.sessionId() != null) n.putObject("session").put("id", f.sessionId());
        ObjectNode embedded = n.putObject("_embedded");
        if (user != null) {
            ObjectNode u = embedded.putObject("user");
            u.put("id", user.id());
            u.put("username", user.username());
            if (user.doc() != null && user.doc().has("name"))
                u.set("name", user.doc().get("name").deepCopy());
        }
        embedded.putObject("application").put("name", applicationName);
        if (passwordPolicy != null) embedded.set("passwordPolicy", passwordPolicy);
        if (f.status().multiFactor()) multiFactor(n, embedded, f);
        if (f.status() == FlowStatus.FAILED && f.data().path("error").isObject()) {
            n.set("error", f.data().get("error").deepCopy());
        }
        return n;
    }
}
