package io.latchkey.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request and its answer, as the feature code sees it. Wraps the web framework so that
 * features never touch it (an architecture test holds this line).
 */
public final class Exchange {
    /** Bodies above this are refused before being read whole. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final Context ctx;
    private final Links links;
    private final Map<Class<?>, Object> attributes = new HashMap<>();
    private byte[] body;
    private Map<String, List<String>> query;
    private Map<String, List<String>> form;
    private Object answeredBody;

    Exchange(Context ctx, Links links) {
        this.ctx = ctx;
        this.links = links;
    }

    public Links links() {
        return links;
    }

    public String method() {
        return ctx.method().name();
    }

    public String path() {
        return ctx.path();
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /** A path parameter, or null when the route has none of that name. */
    public String pathParamOrNull(String name) {
        return ctx.pathParamMap().get(name);
    }

    /** The first value of query parameter {@code name}, or null. */
    public String query(String name) {
        List<String> values = queryParams().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The query string's parameters, decoded strictly ({@link FormEncoding}). */
    public Map<String, List<String>> queryParams() {
        if (query == null) query = FormEncoding.decode(ctx.queryString());
        return query;
    }

    public String rawQuery() {
        return ctx.queryString();
    }

    public String header(String name) {
        return ctx.header(name);
    }

    /** Every value of a header that may come more than once (e.g. {@code X-Forwarded-For}), in order. */
    public List<String> headers(String name) {
        return java.util.Collections.list(ctx.req().getHeaders(name));
    }

    /** The IP address of the socket's other end: the client, or the proxy in front of it. */
    public String peerAddress() {
        return ctx.req().getRemoteAddr();
    }

    public String cookie(String name) {
        return ctx.cookie(name);
    }

    /** The media type of the body, lower case, without parameters; null when absent. */
    public String contentType() {
        String ct = ctx.header("Content-Type");
        if (ct == null || ct.isBlank()) return null;
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses what no handler can read, before any runs: a charset Java does not know (decoding would fail later,
     * as a 500), a query string that does not decode, a form body that does not decode. JSON bodies are checked
     * where they are parsed ({@link #json()}).
     */
    void requireReadable() {
        String ct = ctx.header("Content-Type"); // not the servlet getter: it throws on an unknown charset
        if (ct != null) {
            for (String param : ct.split(";")) {
                String p = param.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    String charset = p.substring(8).replace("\"", "").trim();
                    if (!knownCharset(charset)) throw ApiException.unsupportedCharset(ct, charset);
                }
            }
        }
        queryParams();
        if (!"GET".equals(method()) && "application/x-www-form-urlencoded".equals(contentType())) form();
    }

    private static boolean knownCharset(String name) {
        try {
            return java.nio.charset.Charset.isSupported(name);
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    /** Refuses the request with 415 unless its content type is one of {@code accepted}. */
    public String requireContentType(String... accepted) {
        String ct = contentType();
        for (String a : accepted) if (a.equalsIgnoreCase(ct)) return a;
        throw ApiException.unsupportedMediaType(ct, List.of(accepted));
    }

    /** The body, read at most once and never beyond {@link #MAX_BODY_BYTES}. */
    public byte[] body() {
        if (body != null) return body;
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            // A body a little over the limit is read and dropped first: answering before it has arrived makes the
            // server close the connection while the client is still sending, and the client sees a reset, not the 413.
            if (declared <= 2L * MAX_BODY_BYTES) discard(declared);
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] read = in.readNBytes(MAX_BODY_BYTES + 1);
            if (read.length > MAX_BODY_BYTES) throw tooLarge();
            body = read;
            return body;
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body could not be read.");
        }
    }

    private void discard(long bytes) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] sink = new byte[64 * 1024];
            long left = bytes;
            while (left > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, left));
                if (n < 0) break;
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: there is no one left to answer
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(
                413,
                "INVALID_REQUEST",
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.",
                List.of(new ErrorDetail(
                        "SIZE_LIMIT_EXCEEDED",
                        "body",
                        "The request body is too large.",
                        Map.of("maximumValue", MAX_BODY_BYTES))));
    }

    /** The body parsed as JSON; malformed JSON is 400 INVALID_DATA. */
    public JsonNode json() {
        byte[] bytes = body();
        if (bytes.length == 0) {
            throw ApiException.invalidData(ErrorDetail.invalid("body", "A JSON request body is required."));
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw ApiException.invalidData(
                    ErrorDetail.invalid("body", "The request body is not valid JSON" + where + "."));
        } catch (IOException e) {
            throw ApiException.invalidRequest("The request body could not be read.");
        }
        List<String> nul = JsonNul.find(tree);
        if (!nul.isEmpty()) {
            throw ApiException.invalidData(nul.stream()
                    .map(path -> ErrorDetail.invalid(path, "The value of '" + path + "' contains a NUL character."))
                    .toList());
        }
        return tree;
    }

    /** An {@code application/x-www-form-urlencoded} body (or the query for GET), one list per name. */
    public Map<String, List<String>> form() {
        if ("GET".equals(method())) return queryParams();
        String ct = contentType();
        if (!"application/x-www-form-urlencoded".equals(ct)) {
            throw ApiException.unsupportedMediaType(ct, List.of("application/x-www-form-urlencoded"));
        }
        if (form == null) form = FormEncoding.decode(new String(body(), StandardCharsets.UTF_8));
        return form;
    }

    public <T> void attribute(Class<T> type, T value) {
        attributes.put(type, value);
    }

    public <T> T attribute(Class<T> type) {
        return type.cast(attributes.get(type));
    }

    // ---- answers

    public void json(int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
        answeredBody = body;
    }

    /** The JSON body the answer was given, or null (what the audit log takes a created resource's id from). */
    public Object answeredBody() {
        return answeredBody;
    }

    /** The answer's status so far. */
    public int answeredStatus() {
        return ctx.statusCode();
    }

    public void ok(Object body) {
        json(200, body);
    }

    public void created(Object body) {
        json(201, body);
    }

    public void noContent() {
        ctx.status(204);
    }

    public void redirect(String location) {
        ctx.status(302).header("Location", location);
    }

    public void html(int status, String html) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(html);
    }

    public void text(int status, String contentType, String text) {
        ctx.status(status).contentType(contentType).result(text);
    }

    public void bytes(int status, String contentType, byte[] body) {
        ctx.status(status).contentType(contentType).result(body);
    }

    public void header(String name, String value) {
        ctx.header(name, value);
    }

    /** A header already set on the answer, or null. */
    public String responseHeader(String name) {
        return ctx.res().getHeader(name);
    }

    /** Adds a raw {@code Set-Cookie} header (full control over attributes such as SameSite). */
    public void setCookie(String headerValue) {
        ctx.res().addHeader("Set-Cookie", headerValue);
    }
}
