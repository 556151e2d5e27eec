package io.latchkey.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** PingOne's collection body: {@code {_links, _embedded: {<plural>: [...]}, count, size}}. */
public final class CollectionBodies {
    private CollectionBodies() {}

    public static ObjectNode of(String selfUrl, String plural, List<ObjectNode> items) {
        return body(selfUrl, plural, items, items.size(), null);
    }

    /**
     * A page of a collection; {@code next} carries the cursor, and {@code filter} (if any) is repeated in it.
     */
    public static <T> ObjectNode page(
            String selfUrl,
            String plural,
            Page<T> page,
            Function<T, String> idOf,
            Function<T, ObjectNode> render,
            PageRequest request,
            String filter) {
        List<ObjectNode> items = page.items().stream().map(render).toList();
        String next = null;
        if (page.hasMore()) {
            StringBuilder q = new StringBuilder(selfUrl).append("?limit=").append(request.limit());
            if (filter != null) q.append("&filter=").append(URLEncoder.encode(filter, StandardCharsets.UTF_8));
            q.append("&cursor=")
                    .append(PageRequest.cursorAfter(
                            idOf.apply(page.items().get(page.items().size() - 1))));
            next = q.toString();
        }
        return body(selfUrl, plural, items, page.count(), next);
    }

    private static ObjectNode body(String selfUrl, String plural, List<ObjectNode> items, long count, String next) {
        ObjectNode body = Json.object();
        Links.Hal hal = new Links.Hal().rel("self", selfUrl);
        if (next != null) hal.rel("next", next);
        body.set("_links", hal.node());
        ArrayNode array = body.putObject("_embedded").putArray(plural);
        items.forEach(array::add);
        body.put("count", count);
        body.put("size", items.size());
        return body;
    }
}
