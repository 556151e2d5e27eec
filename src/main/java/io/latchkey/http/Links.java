package io.latchkey.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** HAL {@code _links} built from the public base URL (the {@code --base-url} option). */
public final class Links {
    private final String baseUrl;

    public Links(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Whether the public URL is https: cookies then carry {@code Secure}. */
    public boolean secure() {
        return baseUrl.startsWith("https:");
    }

    /** Absolute URL of a path on this server, e.g. {@code /v1/environments/x}. */
    public String url(String path) {
        return baseUrl + path;
    }

    public String management(String path) {
        return baseUrl + "/v1" + path;
    }

    public String environment(String envId) {
        return management("/environments/" + envId);
    }

    public String issuer(String envId) {
        return baseUrl + "/" + envId + "/as";
    }

    /** Starts a {@code _links} object: {@code links.hal().rel("self", url)...}. */
    public Hal hal() {
        return new Hal();
    }

    public static final class Hal {
        private final ObjectNode node = Json.object();

        public Hal rel(String name, String href) {
            node.putObject(name).put("href", href);
            return this;
        }

        public ObjectNode node() {
            return node;
        }
    }
}
