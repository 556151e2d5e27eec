package io.latchkey.oauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.flows.FlowView;
import io.latchkey.http.Exchange;
import io.latchkey.http.Html;
import io.latchkey.http.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers an authorization response (a code, tokens, or an error) to the client in its {@code response_mode}: query,
 * fragment, form_post (an auto-submitting form) or pi.flow (JSON). Also renders the error page shown when the
 * client cannot be trusted with a redirect.
 */
final class AuthorizeResponder {
    private AuthorizeResponder() {}

    /** The response in the request's response mode; in pi.flow, within the completed flow it answers. */
    static void deliver(Exchange x, AuthorizationResponses.Issued issued) {
        AuthorizeRequest request = issued.request();
        Map<String, String> p = issued.params();
        if (request.responseMode() == ResponseMode.PI_FLOW) {
            ObjectNode body =
                    FlowView.render(x.links(), issued.flow(), List.of(), issued.user(), issued.applicationName(), null);
            ObjectNode authorizeResponse = body.putObject("authorizeResponse");
            p.forEach((k, v) -> {
                if (v != null) authorizeResponse.put(k, v);
            });
            x.header("Cache-Control", "no-store");
            x.ok(body);
            return;
        }
        deliver(x, request.redirectUri(), request.responseMode(), p);
    }

    static void deliver(Exchange x, String redirectUri, ResponseMode responseMode, Map<String, String> params) {
        Map<String, String> p = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v != null) p.put(k, v);
        });
        switch (responseMode) {
            case FRAGMENT -> x.redirect(redirectUri + "#" + encode(p));
            case FORM_POST -> formPost(x, redirectUri, p);
            case PI_FLOW -> {
                ObjectNode body = Json.object();
                p.forEach(body::put);
                x.json(p.containsKey("error") ? 400 : 200, body);
            }
            case QUERY -> x.redirect(redirectUri + (redirectUri.contains("?") ? "&" : "?") + encode(p));
        }
        x.header("Cache-Control", "no-store");
    }

    static String encode(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> {
            if (!sb.isEmpty()) sb.append('&');
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    private static void formPost(Exchange x, String redirectUri, Map<String, String> p) {
        StringBuilder inputs = new StringBuilder();
        p.forEach((k, v) -> inputs.append("<input type=\"hidden\" name=\"")
                .append(Html.escape(k))
                .append("\" value=\"")
                .append(Html.escape(v))
                .append("\">"));
        x.header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'sha256-" + Html.AUTO_SUBMIT_HASH + "'; form-action "
                        + origin(redirectUri));
        x.html(
                200,
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Signing on</title></head><body>"
                        + "<form method=\"post\" action=\"" + Html.escape(redirectUri) + "\">" + inputs
                        + "<noscript><button type=\"submit\">Continue</button></noscript></form>"
                        + "<script>" + Html.AUTO_SUBMIT + "</script></body></html>");
    }

    private static String origin(String uri) {
        try {
            java.net.URI u = java.net.URI.create(uri);
            return u.getScheme() + "://" + u.getRawAuthority();
        } catch (IllegalArgumentException e) {
            return "'none'";
        }
    }

    /** The page for requests that cannot be answered with a redirect (unknown client, unregistered redirect URI). */
    static void errorPage(Exchange x, int status, String error, String description) {
        x.header("Cache-Control", "no-store");
        x.html(
                status,
                "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Sign-on error</title></head>"
                        + "<body><main><h1>Sign-on error</h1><p id=\"error\">" + Html.escape(error) + "</p>"
                        + "<p id=\"error_description\">" + Html.escape(description) + "</p></main></body></html>");
    }
}
