package io.latchkey.keys;

import static io.latchkey.keys.KeyFixtures.KEY;
import static io.latchkey.keys.KeyFixtures.KEYS;
import static io.latchkey.keys.KeyFixtures.body;
import static io.latchkey.keys.KeyFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PingOne's keys API over HTTP on both databases: each algorithm Latchkey makes, the JSON and certificate shapes,
 * and the requests it refuses without changing anything. (Rotation and its effect on tokens:
 * {@link KeyRotationTest}.)
 */
@ParameterizedClass
@EnumSource(Db.class)
@SuppressWarnings("unchecked")
class SigningKeysApiTest {
    @Parameter
    Db db;

    private static long keyCount(Api admin, String env) {
        return admin.get(KEYS, env).then().statusCode(200).extract().<Integer>path("count");
    }

    @Test
    void theEnvironmentsFirstKeyIsListedAsAnRs256DefaultWithACertificate() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String kid = KeyFixtures.jwks(server.baseUrl(), env).getKeys().get(0).getKeyID();
        admin.get(KEYS, env)
                .then()
                .statusCode(200)
                .body("count", equalTo(1))
                .body("_embedded.keys[0].id", equalTo(kid))
                .body("_embedded.keys[0].default", equalTo(true))
                .body("_embedded.keys[0].algorithm", equalTo("RSA"))
                .body("_embedded.keys[0].keyLength", equalTo(2048))
                .body("_embedded.keys[0].signatureAlgorithm", equalTo("SHA256withRSA"))
                .body("_embedded.keys[0].usageType", equalTo("SIGNING"))
                .body("_embedded.keys[0].status", equalTo("VALID"));
        X509Certificate cert = pem(admin, env, kid);
        assertThat(cert.getPublicKey()).isInstanceOf(RSAPublicKey.class);
    }

    @Test
    void eachAlgorithmMakesAKeyWithItsSelfSignedCertificate() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        KeyFixtures.jwks(server.baseUrl(), env); // the environment's first key: the new ones are not the default
        record Case(String algorithm, int keyLength, String signatureAlgorithm) {}
        List<Case> cases = List.of(
                new Case("RSA", 2048, "SHA256withRSA"),
                new Case("RSA", 3072, "SHA384withRSA"),
                new Case("RSA", 4096, "SHA512withRSA"),
                new Case("EC", 256, "SHA256withECDSA"),
                new Case("EC", 384, "SHA384withECDSA"));
        for (Case c : cases) {
            var b = with(body(c.algorithm(), c.keyLength(), c.signatureAlgorithm()), "serialNumber", 4242);
            Response created = admin.post(KEYS, b, env);
            created.then()
                    .statusCode(201)
                    .body("name", equalTo(b.get("name")))
                    .body("environment.id", equalTo(env))
                    .body("algorithm", equalTo(c.algorithm()))
                    .body("keyLength", equalTo(c.keyLength()))
                    .body("signatureAlgorithm", equalTo(c.signatureAlgorithm()))
                    .body("subjectDN", equalTo(b.get("subjectDN")))
                    .body("issuerDN", equalTo(b.get("subjectDN")))
                    .body("serialNumber", equalTo(4242))
                    .body("validityPeriod", equalTo(365))
                    .body("usageType", equalTo("SIGNING"))
                    .body("default", equalTo(false))
                    .body("status", equalTo("VALID"));
            String id = created.path("id");
            assertThat(created.asString()).doesNotContain("\"d\"").doesNotContain("private");
            admin.get(KEY, env, id).then().statusCode(200).body("id", equalTo(id));

            X509Certificate cert = pem(admin, env, id);
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo(b.get("subjectDN"));
            assertThat(cert.getSerialNumber().longValue()).isEqualTo(4242);
            assertThat(cert.getSigAlgName()).isEqualToIgnoringCase(c.signatureAlgorithm());
            cert.verify(cert.getPublicKey()); // self-signed
            Instant starts = Instant.parse(created.path("startsAt"));
            Instant expires = Instant.parse(created.path("expiresAt"));
            assertThat(cert.getNotBefore().toInstant()).isEqualTo(starts);
            assertThat(cert.getNotAfter().toInstant()).isEqualTo(expires);
            assertThat(Duration.between(starts, expires)).isEqualTo(Duration.ofDays(365));
            if (c.algorithm().equals("RSA"))
                assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength())
                        .isEqualTo(c.keyLength());
            else
                assertThat(((ECPublicKey) cert.getPublicKey())
                                .getParams()
                                .getCurve()
                                .getField()
                                .getFieldSize())
                        .isEqualTo(c.keyLength());
            // The PKCS#7 export holds the same certificate.
            byte[] p7 = admin.request()
                    .accept("application/x-pkcs7-certificates")
                    .get(KEY, env, id)
                    .then()
                    .statusCode(200)
                    .contentType("application/x-pkcs7-certificates")
                    .extract()
                    .asByteArray();
            Collection<java.security.cert.Certificate> chain = (Collection<java.security.cert.Certificate>)
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(p7));
            assertThat(chain).containsExactly(cert);
            // The new key is published beside the default one, with the same public key.
            assertThat(KeyFixtures.jwks(server.baseUrl(), env).getKeyByKeyId(id))
                    .isNotNull();
        }
        assertThat(keyCount(admin, env)).isEqualTo(1 + cases.size());
        admin.get(KEYS, env)
                .then()
                .body("_embedded.keys.algorithm", hasItem("EC"))
                .body("_embedded.keys.findAll { it.default }.size()", equalTo(1));
    }

    @Test
    void badKeysAreRefusedWithTheFieldAtFaultAndNothingIsMade() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        KeyFixtures.jwks(server.baseUrl(), env);
        var ec = body("EC", 256, "SHA256withECDSA");
        var rsa = body("RSA", 2048, "SHA256withRSA");
        Map<String, Map<String, Object>> refused = new java.util.LinkedHashMap<>();
        refused.put("algorithm", with(rsa, "algorithm", "DSA"));
        refused.put("keyLength", with(rsa, "keyLength", 1024));
        refused.put("keyLength ", with(ec, "keyLength", 521));
        refused.put("signatureAlgorithm", with(ec, "signatureAlgorithm", "SHA256withRSA"));
        refused.put("signatureAlgorithm ", with(ec, "signatureAlgorithm", "SHA512withECDSA"));
        refused.put("usageType", with(rsa, "usageType", "ENCRYPTION"));
        refused.put("subjectDN", with(rsa, "subjectDN", "not a distinguished name"));
        refused.put("validityPeriod", with(rsa, "validityPeriod", 0));
        refused.put("serialNumber", with(rsa, "serialNumber", -5));
        refused.put("name", with(rsa, "name", null));
        for (var e : refused.entrySet()) {
            admin.post(KEYS, e.getValue(), env)
                    .then()
                    .statusCode(400)
                    .body("code", equalTo("INVALID_DATA"))
                    .body("details.target", hasItem(e.getKey().trim()));
        }
        admin.request()
                .contentType("multipart/form-data; boundary=x")
                .body("--x--\r\n".getBytes(StandardCharsets.UTF_8))
                .post(KEYS.replace("{env}", env))
                .then()
                .statusCode(415);
        assertThat(keyCount(admin, env)).isEqualTo(1);
    }

    @Test
    void theDefaultKeyCannotBeDeletedNorUnsetAndAKeysUsageAndIssuerStay() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        KeyFixtures.jwks(server.baseUrl(), env);
        String first = KeyFixtures.defaultKey(admin, env);
        admin.delete(KEY, env, first).then().statusCode(400).body("details[0].code", equalTo("CONSTRAINT_VIOLATION"));
        admin.put(KEY, Map.of("default", false, "usageType", "SIGNING"), env, first)
                .then()
                .statusCode(400)
                .body("details.target", hasItem("default"));
        admin.put(KEY, Map.of("default", true, "usageType", "ENCRYPTION"), env, first)
                .then()
                .statusCode(400)
                .body("details.target", hasItem("usageType"));
        admin.put(KEY, Map.of("default", true, "usageType", "SIGNING", "issuerDN", "CN=Other"), env, first)
                .then()
                .statusCode(400)
                .body("details.target", hasItem("issuerDN"));
        admin.put(KEY, Map.of("usageType", "SIGNING"), env, first)
                .then()
                .statusCode(400)
                .body("details.target", hasItem("default"));
        String unknown = java.util.UUID.randomUUID().toString();
        admin.get(KEY, env, unknown).then().statusCode(404);
        admin.put(KEY, Map.of("default", true, "usageType", "SIGNING"), env, unknown)
                .then()
                .statusCode(404);
        admin.delete(KEY, env, unknown).then().statusCode(404);
        // A key of another environment is unknown here.
        String other = Fixtures.environment(admin);
        String foreign = KeyFixtures.create(admin, other, body("EC", 256, "SHA256withECDSA"));
        admin.get(KEY, env, foreign).then().statusCode(404);
        admin.delete(KEY, env, foreign).then().statusCode(404);
        assertThat(KeyFixtures.defaultKey(admin, env)).isEqualTo(first);
        assertThat(keyCount(admin, env)).isEqualTo(1);
        // A key that is not the default can go.
        String second = KeyFixtures.create(admin, env, body("EC", 256, "SHA256withECDSA"));
        admin.delete(KEY, env, second).then().statusCode(204);
        admin.get(KEY, env, second).then().statusCode(404);
    }

    @Test
    void aKeyMadeInAnEnvironmentWithoutKeysBecomesItsDefault() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String id = KeyFixtures.create(admin, env, body("EC", 256, "SHA256withECDSA"));
        admin.get(KEY, env, id).then().body("default", equalTo(true));
        var app = EnvironmentFixtures.worker(admin, env);
        assertThat(header(KeyFixtures.token(server.baseUrl(), app)).getKeyID()).isEqualTo(id);
        assertThat(keyCount(admin, env)).isEqualTo(1);
    }

    @Test
    void aKeyFromBeforeCertificatesGetsOneWhenFirstShown() throws Exception {
        TestServer server = TestServer.shared(db);
        Api admin = server.admin();
        String env = Fixtures.environment(admin);
        String kid = KeyFixtures.jwks(server.baseUrl(), env).getKeys().get(0).getKeyID();
        // What V69 leaves of a key made by an earlier version: no certificate, no serial number.
        server.latchkey()
                .database()
                .useTransaction(h -> h.createUpdate(
                                "update signing_keys set certificate = null, serial_number = null where id = :id")
                        .bind("id", kid)
                        .execute());
        long serial = admin.get(KEY, env, kid)
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("serialNumber")
                .longValue();
        X509Certificate cert = pem(admin, env, kid);
        assertThat(cert.getSerialNumber().longValue()).isEqualTo(serial);
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Latchkey,OU=" + env);
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus())
                .isEqualTo(((com.nimbusds.jose.jwk.RSAKey)
                                KeyFixtures.jwks(server.baseUrl(), env).getKeyByKeyId(kid))
                        .getModulus()
                        .decodeToBigInteger());
    }

    private static com.nimbusds.jose.JWSHeader header(String jwt) {
        try {
            return com.nimbusds.jwt.SignedJWT.parse(jwt).getHeader();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    static X509Certificate pem(Api admin, String env, String id) throws Exception {
        String pem = admin.request()
                .accept("application/x-x509-ca-cert")
                .get(KEY, env, id)
                .then()
                .statusCode(200)
                .contentType("application/x-x509-ca-cert")
                .extract()
                .asString();
        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
