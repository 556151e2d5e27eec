package io.latchkey.keys;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.http.CollectionBodies;
import io.latchkey.http.Exchange;
import io.latchkey.http.Json;
import io.latchkey.http.Links;

/** HTTP adapter of {@code /v1/environments/{envId}/keys}. The private key is never part of any answer. */
public final class KeysApi {
    static final String PEM = "application/x-x509-ca-cert";
    static final String PKCS7 = "application/x-pkcs7-certificates";

    private final KeyService service;

    public KeysApi(KeyService service) {
        this.service = service;
    }

    public void create(Exchange x) {
        x.requireContentType("application/json");
        x.created(render(x.links(), service.create(x.pathParam("envId"), x.json())));
    }

    public void list(Exchange x) {
        String env = x.pathParam("envId");
        x.ok(CollectionBodies.of(
                x.links().environment(env) + "/keys",
                "keys",
                service.list(env).stream().map(k -> render(x.links(), k)).toList()));
    }

    /** JSON, or the certificate as PEM or PKCS#7 when the {@code Accept} header asks for it. */
    public void get(Exchange x) {
        String env = x.pathParam("envId");
        String id = x.pathParam("keyId");
        String accept = x.header("Accept");
        if (accept != null && accept.contains(PEM)) {
            x.text(200, PEM, SelfSignedCertificates.pem(service.certificate(env, id)));
        } else if (accept != null && accept.contains(PKCS7)) {
            x.bytes(200, PKCS7, SelfSignedCertificates.pkcs7(service.certificate(env, id)));
        } else {
            x.ok(render(x.links(), service.get(env, id)));
        }
    }

    public void update(Exchange x) {
        x.requireContentType("application/json");
        x.ok(render(x.links(), service.update(x.pathParam("envId"), x.pathParam("keyId"), x.json())));
    }

    public void delete(Exchange x) {
        service.delete(x.pathParam("envId"), x.pathParam("keyId"));
        x.noContent();
    }

    static ObjectNode render(Links links, KeyService.Key k) {
        SigningKeyStore.Row r = k.row();
        String env = links.environment(r.environmentId());
        ObjectNode n = Json.object();
        n.set(
                "_links",
                links.hal()
                        .rel("self", env + "/keys/" + r.id())
                        .rel("environment", env)
                        .node());
        n.put("id", r.id());
        n.set("environment", Json.idRef(r.environmentId()));
        n.put("name", r.name());
        n.put("algorithm", k.keyType());
        n.put("keyLength", k.keyLength());
        n.put("signatureAlgorithm", k.signatureAlgorithm());
        n.put("subjectDN", r.subjectDn());
        n.put("issuerDN", r.issuerDn() != null ? r.issuerDn() : r.subjectDn());
        if (r.serialNumber() != null) n.put("serialNumber", r.serialNumber());
        n.put("validityPeriod", k.validityDays());
        n.put("usageType", r.usageType());
        n.put("default", r.isDefault());
        n.put("status", k.status().name());
        n.put("startsAt", Json.time(r.startsAt()));
        n.put("expiresAt", Json.time(r.expiresAt()));
        n.put("createdAt", Json.time(r.createdAt()));
        return n;
    }
}
