package io.latchkey.oauth;

import static io.restassured.RestAssured.given;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.filter.cookie.CookieFilter;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client that drives a sign-on the way PingOne's browser-less samples do: authorize, flow steps, resume, token —
 * keeping the cookies (flow binding, session) like a browser would.
 */
public final class BrowserlessClient {
    private static final RestAssuredConfig NO_REDIRECTS =
            RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false));

    private final String baseUrl;
    private final String env;
    private final CookieFilter cookies;
    private final String forwardedFor;

    public BrowserlessClient(String baseUrl, String env) {
        this(baseUrl, env, new CookieFilter(), null);
    }

    private BrowserlessClient(String baseUrl, String env, CookieFilter cookies, String forwardedFor) {
        this.baseUrl = baseUrl;
        this.env = env;
        this.cookies = cookies;
        this.forwardedFor = forwardedFor;
    }

    /** The same browser (same cookies) talking to another server, e.g. a second process behind a load balancer. */
    public BrowserlessClient withBaseUrl(String otherBaseUrl) {
        return new BrowserlessClient(otherBaseUrl, env, cookies, forwardedFor);
    }

    /** The same browser seen through a proxy that reports it as {@code address} ({@code X-Forwarded-For}). */
    public BrowserlessClient from(String address) {
        return new BrowserlessClient(baseUrl, env, cookies, address);
    }

    public RequestSpecification request() {
        RequestSpecification r = given().config(NO_REDIRECTS).baseUri(baseUrl).filter(cookies);
        return forwardedFor == null ? r : r.header("X-Forwarded-For", forwardedFor);
    }

    public Response authorize(Map<String, String> params) {
        return request().queryParams(params).get("/" + env + "/as/authorize");
    }

    public Response flow(String flowId) {
        return request().get("/" + env + "/flows/" + flowId);
    }

    public Response step(String flowId, String contentType, Object body) {
        return request().contentType(contentType).body(body).post("/" + env + "/flows/" + flowId);
    }

    public Response signOn(String flowId, String username, String password) {
        return step(
                flowId,
                "application/vnd.pingidentity.usernamePassword.check+json",
                Map.of("username", username, "password", password));
    }

    public Response resume(String flowId) {
        return request().queryParam("flowId", flowId).get("/" + env + "/as/resume");
    }

    public Response token(Map<String, String> form, String basicId, String basicSecret) {
        RequestSpecification r =
                request().contentType("application/x-www-form-urlencoded").formParams(form);
        if (basicId != null) r = r.auth().preemptive().basic(basicId, basicSecret);
        return r.post("/" + env + "/as/token");
    }

    /** The query (or fragment) parameters of a redirect's Location. */
    public static Map<String, String> redirectParams(Response r) {
        String location = r.getHeader("Location");
        URI uri = URI.create(location);
        String raw = uri.getRawQuery() != null ? uri.getRawQuery() : uri.getRawFragment();
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            out.put(
                    URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The {@code flowId} in the Location of authorize's redirect to the sign-on page. */
    public static String flowIdOf(Response authorizeRedirect) {
        String flowId = redirectParams(authorizeRedirect).get("flowId");
        if (flowId == null)
            throw new AssertionError("authorize did not start a flow: " + authorizeRedirect.getHeader("Location"));
        return flowId;
    }
}
