package io.latchkey.schemas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/schemas} and their {@code /attributes}. */
public final class SchemasApi {
    private final SchemaService service;

    public SchemasApi(SchemaService service) {
        this.service = service;
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/schemas",
                "schemas",
                service.list(env).stream().map(s -> render(x.links(), s)).toList()));
    }

    public void get(Exchange x) {
        x.ok(render(x.links(), service.get(x.pathParam("envId"), x.pathParam("schemaId"))));
    }

    public void listAttributes(Exchange x) {
        String env = x.pathParam("envId");
        SchemaService.Schema schema = service.get(env, x.pathParam("schemaId"));
        x.ok(CollectionBodies.of(
                self(x.links(), schema) + "/attributes",
                "attributes",
                schema.attributes().stream().map(a -> render(x.links(), a)).toList()));
    }

    public void createAttribute(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.pathParam("schemaId"), x.json())));
    }

    public void getAttribute(Exchange x) {
        x.ok(render(
                x.links(),
                service.attribute(x.pathParam("envId"), x.pathParam("schemaId"), x.pathParam("attributeId"))));
    }

    public void replaceAttribute(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(
                x.links(),
                service.replace(x.pathParam("envId"), x.pathParam("schemaId"), x.pathParam("attributeId"), x.json())));
    }

    public void patchAttribute(Exchange x) {
        x.requireContentType("application/json", "application/merge-patch+json");
        x.ok(render(
                x.links(),
                service.patch(x.pathParam("envId"), x.pathParam("schemaId"), x.pathParam("attributeId"), x.json())));
    }

    public void deleteAttribute(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("schemaId"), x.pathParam("attributeId"));
        x.noContent();
    }

    private static String self(Links links, SchemaService.Schema s) {
        return links.environment(s.environmentId()) + "/schemas/" + s.id();
    }

    static ObjectNode render(Links links, SchemaService.Schema s) {
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", self(links, s))
                        .rel("environment", links.environment(s.environmentId()))
                        .rel("attributes", self(links, s) + "/attributes")
                        .node());
        n.put("id", s.id());
        n.set("environment", Json.idRef(s.environmentId()));
        n.put("name", SchemaService.SCHEMA_NAME);
        n.put("description", "The attributes of the environment's users.");
        ArrayNode attributes = n.putArray("attributes");
        s.attributes().forEach(a -> attributes.add(render(links, a)));
        n.put("allowsContainsOperator", s.allowsContainsOperator());
        return n;
    }

    static ObjectNode render(Links links, SchemaAttribute a) {
        String schema =
                links.environment(a.environmentId()) + "/schemas/" + StandardAttributes.schemaId(a.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", schema + "/attributes/" + a.id())
                        .rel("schema", schema)
                        .rel("environment", links.environment(a.environmentId()))
                        .node());
        n.put("id", a.id());
        n.set("environment", Json.idRef(a.environmentId()));
        n.set("schema", Json.idRef(StandardAttributes.schemaId(a.environmentId())));
        n.put("name", a.name());
        if (a.displayName() != null) n.put("displayName", a.displayName());
        if (a.description() != null) n.put("description", a.description());
        n.put("type", a.type().name());
        n.put("schemaType", a.schemaType().name());
        n.put("enabled", a.enabled());
        n.put("unique", a.unique());
        n.put("required", a.required());
        n.put("multiValued", a.multiValued());
        if (!a.enumeratedValues().isEmpty()) {
            ArrayNode values = n.putArray("enumeratedValues");
            for (SchemaAttribute.EnumeratedValue e : a.enumeratedValues()) {
                ObjectNode value = values.addObject().put("value", e.value()).put("archived", e.archived());
                if (e.description() != null) value.put("description", e.description());
            }
        }
        if (a.regexValidation() != null) n.set("regexValidation", Json.MAPPER.valueToTree(a.regexValidation()));
        if (!a.subAttributes().isEmpty()) {
            ArrayNode parts = n.putArray("subAttributes");
            for (SchemaAttribute part : a.subAttributes()) {
                parts.addObject()
                        .put("id", part.id())
                        .put("name", part.name())
                        .put("type", part.type().name())
                        .put("schemaType", part.schemaType().name())
                        .put("enabled", part.enabled())
                        .put("unique", part.unique())
                        .put("required", part.required())
                        .put("multiValued", part.multiValued());
            }
        }
        return n;
    }
}
