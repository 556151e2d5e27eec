package io.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.environments.EnvironmentFixtures;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.ContractCheck;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The conventions every endpoint shares: PingOne's error bodies, statuses and limits. */
@org.junit.jupiter.api.parallel.Isolated("captures the process log or console")
@ParameterizedClass
@EnumSource(Db.class) // both databases: values only a database refuses (NUL was a 500 on PostgreSQL); failed
// statements' logs
class ErrorConventionsTest {
    private static final int MIB = 1024 * 1024;

    @Parameter
    Db db;

    private TestServer server() {
        return TestServer.shared(db);
    }

    private Api admin() {
        return server().admin();
    }

    private long environmentsNamed(String name) {
        return server().latchkey()
                .database()
                .withHandle(h -> h.createQuery("select count(*) from environments where name_lower = :n")
                        .bind("n", name.toLowerCase())
                        .mapTo(Long.class)
                        .one());
    }

    private Response postEnvironment(String json) {
        return admin().request().contentType(ContentType.JSON).body(json).post("/v1/environments");
    }

    // ---- 400 INVALID_DATA: every problem at once, nothing created

    @Test
    void malformedJsonIsInvalidData() {
        String name = "malformed-" + UUID.randomUUID();
        postEnvironment("{\"name\":\"" + name + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"")
                .then()
                .statusCode(400)
                .body("id", notNullValue())
                .body("code", equalTo("INVALID_DATA"))
                .body("message", notNullValue())
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("body"));
        assertThat(environmentsNamed(name)).isZero();
    }

    @Test
    void duplicateKeysAnEmptyBodyAndANonObjectAreInvalidData() {
        String name = "dupkey-" + UUID.randomUUID();
        postEnvironment("{\"name\":\"" + name + "\",\"name\":\"x\",\"region\":\"NA\",\"type\":\"SANDBOX\"}")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        postEnvironment("")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        postEnvironment("[]")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].target", equalTo("body"));
        assertThat(environmentsNamed(name)).isZero();
    }

    @Test
    void missingRequiredFieldsAreAllReported() {
        postEnvironment("{}")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(3))
                .body("details.code", containsInAnyOrder("REQUIRED_VALUE", "REQUIRED_VALUE", "REQUIRED_VALUE"))
                .body("details.target", containsInAnyOrder("name", "region", "type"));
    }

    @Test
    void wrongTypesAreAllReported() {
        postEnvironment("{\"name\":5,\"region\":true,\"type\":[\"SANDBOX\"],\"description\":{}}")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(4))
                .body(
                        "details.code",
                        containsInAnyOrder("INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE"))
                .body("details.target", containsInAnyOrder("name", "region", "type", "description"));
        assertThat(environmentsNamed("5")).isZero();
    }

    @Test
    void unknownEnumValueIsInvalidValueListingTheAllowedValues() {
        String name = "enum-" + UUID.randomUUID();
        admin().post("/v1/environments", Map.of("name", name, "region", "MARS", "type", "SANDBOX"))
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(1))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("region"))
                .body("details[0].innerError.allowedValues", hasItem("NA"));
        assertThat(environmentsNamed(name)).isZero();
    }

    @Test
    void problemsOfDifferentKindsAndDepthsComeInOneAnswer() {
        String body = """
                {"name":"","region":"MARS","license":{"id":"not-a-uuid"},"description":"%s",
                 "billOfMaterials":{"products":[{"description":"no type"}]}}""".formatted("d".repeat(1025));
        postEnvironment(body)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(6))
                .body(
                        "details.target",
                        containsInAnyOrder(
                                "name",
                                "region",
                                "type",
                                "license.id",
                                "description",
                                "billOfMaterials.products[0].type"))
                .body("details.find { it.target == 'name' }.code", equalTo("EMPTY_VALUE"))
                .body("details.find { it.target == 'region' }.code", equalTo("INVALID_VALUE"))
                .body("details.find { it.target == 'type' }.code", equalTo("REQUIRED_VALUE"))
                .body("details.find { it.target == 'license.id' }.code", equalTo("INVALID_VALUE"))
                .body("details.find { it.target == 'description' }.code", equalTo("SIZE_LIMIT_EXCEEDED"))
                .body(
                        "details.find { it.target == 'billOfMaterials.products[0].type' }.code",
                        equalTo("REQUIRED_VALUE"));
    }

    @Test
    void numbersOutOfRangeAreOutOfRangeWithTheRange() {
        String env = Fixtures.environment(admin());
        Map<String, Object> app = Map.of(
                "name",
                "range",
                "enabled",
                true,
                "protocol",
                "OPENID_CONNECT",
                "type",
                "WORKER",
                "tokenEndpointAuthMethod",
                "CLIENT_SECRET_BASIC",
                "parTimeout",
                0,
                "refreshTokenDuration",
                59,
                "devicePollingInterval",
                61);
        admin().post("/v1/environments/{env}/applications", app, env)
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details", hasSize(3))
                .body("details.code", containsInAnyOrder("OUT_OF_RANGE", "OUT_OF_RANGE", "OUT_OF_RANGE"))
                .body(
                        "details.target",
                        containsInAnyOrder("parTimeout", "refreshTokenDuration", "devicePollingInterval"))
                .body("details.find { it.target == 'parTimeout' }.innerError.rangeMinimumValue", equalTo(1))
                .body("details.find { it.target == 'parTimeout' }.innerError.rangeMaximumValue", equalTo(600));
        assertThat(EnvironmentFixtures.rows(server(), "applications", env)).isZero();
    }

    @Test
    void theNulCharacterInAStringIsInvalidValueOnEveryDatabase() {
        // PostgreSQL cannot store U+0000 in text: without this rule it was a 500 there and accepted on H2.
        String name = "nul-" + UUID.randomUUID();
        postEnvironment("{\"name\":\"" + name + "\\u0000\",\"region\":\"NA\",\"type\":\"SANDBOX\"}")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_VALUE"))
                .body("details[0].target", equalTo("name"));
        assertThat(environmentsNamed(name)).isZero();
    }

    @Test
    void theNulCharacterInAFilterValueIsInvalidFilter() {
        admin().request()
                .queryParam("filter", "name eq \"a\\u0000b\"")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("code", equalTo("INVALID_DATA"))
                .body("details[0].code", equalTo("INVALID_FILTER"))
                .body("details[0].target", equalTo("filter"));
        admin().request()
                .queryParam("filter", "name sw \"a\u0000b\"")
                .get("/v1/environments")
                .then()
                .statusCode(400)
                .body("details[0].code", equalTo("INVALID_FILTER"));
    }

    // ---- 404, 405, 415

    @Test
    void unknownPathIs404NotFound() {
        for (String path : List.of("/v1/nothing", "/v1/environments/" + UUID.randomUUID() + "/nothing", "/nothing")) {
            admin().get(path)
                    .then()
                    .statusCode(404)
                    .body("code", equalTo("NOT_FOUND"))
                    .body("id", notNullValue());
        }
        server().anonymous().get("/v1/nothing").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMethodIs405() {
        String env = Fixtures.environment(admin());
        admin().patch("/v1/environments", Map.of("name", "x"))
                .then()
                .statusCode(405)
                .body("id", notNullValue())
                .body("code", notNullValue())
                .body("message", containsString("PATCH"));
        admin().request().delete("/v1/environments").then().statusCode(405);
        admin().request().post("/v1/environments/{env}", env).then().statusCode(405);
        admin().get("/v1/environments/{env}", env).then().statusCode(200);
    }

    @Test
    void unsupportedContentTypeIs415InvalidRequest() {
        String name = "ct-" + UUID.randomUUID();
        String json = "{\"name\":\"" + name + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}";
        admin().request()
                .contentType("text/plain")
                .body(json)
                .post("/v1/environments")
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("id", notNullValue());
        admin().request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("name", name)
                .post("/v1/environments")
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        admin().request()
                .body(json.getBytes(StandardCharsets.UTF_8))
                .post("/v1/environments")
                .then()
                .statusCode(415)
                .body("code", equalTo("INVALID_REQUEST"));
        assertThat(environmentsNamed(name)).isZero();
        // A charset parameter is fine.
        admin().request()
                .contentType("application/json; charset=UTF-8")
                .body(json)
                .post("/v1/environments")
                .then()
                .statusCode(201);
    }

    @Test
    void requestsJettyRefusesBeforeRoutingGetPingOneErrorBodies() throws Exception {
        RawResponse nul = raw("GET /v1/environments/a%00b HTTP/1.1\r\n", new byte[0], false);
        assertThat(nul.status).isEqualTo(400);
        assertThat(nul.body).contains("\"code\":\"INVALID_REQUEST\"").doesNotContain("<html");
        assertThat(ContractCheck.problems(
                        "GET",
                        "/v1/environments/x",
                        nul.status,
                        "application/json",
                        nul.body.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        RawResponse headers =
                raw("GET /v1/environments HTTP/1.1\r\nX-Big: " + "h".repeat(64 * 1024) + "\r\n", new byte[0], false);
        assertThat(headers.status).isEqualTo(431);
        assertThat(headers.body).contains("\"code\":\"INVALID_REQUEST\"");
        RawResponse uri =
                raw("GET /v1/environments?filter=" + "u".repeat(64 * 1024) + " HTTP/1.1\r\n", new byte[0], false);
        assertThat(uri.status).isIn(414, 431);
        assertThat(uri.body).contains("\"code\":\"INVALID_REQUEST\"");
    }

    // ---- request size

    @Test
    void aBodyOfExactlyOneMebibyteIsServed() {
        String name = "big-" + UUID.randomUUID();
        String json = "{\"name\":\"" + name + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}";
        String padded = json + " ".repeat(MIB - json.length());
        assertThat(padded.getBytes(StandardCharsets.UTF_8)).hasSize(MIB);
        postEnvironment(padded).then().statusCode(201);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedWith413() {
        String name = "toobig-" + UUID.randomUUID();
        String json = "{\"name\":\"" + name + "\",\"region\":\"NA\",\"type\":\"SANDBOX\"}";
        postEnvironment(json + " ".repeat(MIB - json.length() + 1))
                .then()
                .statusCode(413)
                .body("code", equalTo("INVALID_REQUEST"))
                .body("details[0].code", equalTo("SIZE_LIMIT_EXCEEDED"))
                .body("details[0].innerError.maximumValue", equalTo(MIB));
        assertThat(environmentsNamed(name)).isZero();
    }

    @Test
    void aDeclaredLengthOverOneMebibyteIsRefusedBeforeTheBodyIsSent() throws Exception {
        // Only the headers are sent: an answer proves the server did not wait for (let alone read) the body.
        RawResponse r = raw(
                "POST /v1/environments HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: " + (100L * MIB)
                        + "\r\n",
                new byte[0],
                false);
        assertThat(r.status).isEqualTo(413);
        assertThat(r.body).contains("\"code\":\"INVALID_REQUEST\"").contains("SIZE_LIMIT_EXCEEDED");
        assertThat(ContractCheck.problems(
                        "POST",
                        "/v1/environments",
                        r.status,
                        "application/json",
                        r.body.getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void anEndlessChunkedBodyIsRefusedAfterOneMebibyte() throws Exception {
        // The body never ends (no last chunk): a server that read bodies whole would never answer.
        RawResponse r = raw(
                "POST /v1/environments HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                new byte[64 * 1024],
                true);
        assertThat(r.status).isEqualTo(413);
        assertThat(r.body).contains("\"code\":\"INVALID_REQUEST\"");
        assertThat(r.sentBeforeAnswer).as("bytes sent before the answer").isLessThan(64L * MIB);
    }

    private record RawResponse(int status, String body, long sentBeforeAnswer) {}

    /**
     * Sends {@code head} (with the admin token and a Host header added) over a plain socket, then {@code chunk}
     * repeatedly (chunked encoding when {@code chunked}) until the server answers, the connection closes, or 256 MiB
     * were sent; returns the status, the body and how much was sent.
     */
    private RawResponse raw(String head, byte[] chunk, boolean chunked) throws Exception {
        URI base = URI.create(server().baseUrl());
        try (Socket s = new Socket(base.getHost(), base.getPort())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            CompletableFuture<byte[]> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] buf = new byte[8192];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        got.write(buf, 0, n);
                        String text = got.toString(StandardCharsets.ISO_8859_1);
                        int end = text.indexOf("\r\n\r\n");
                        if (end > 0 && text.indexOf('}', end) > 0) break; // one JSON body is enough
                    }
                    return got.toByteArray();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            out.write((head + "Host: " + base.getHost() + ":" + base.getPort() + "\r\nAuthorization: Bearer "
                            + admin().token() + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long sent = 0;
            Arrays.fill(chunk, (byte) ' ');
            try {
                while (chunk.length > 0 && !answer.isDone() && sent < 256L * MIB) {
                    if (chunked)
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(chunk);
                    if (chunked) out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    sent += chunk.length;
                }
            } catch (IOException closedByServer) {
                // the server stopped reading and closed: fine, its answer is already on the way
            }
            String text = new String(answer.get(20, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            if (body.contains("{")) body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1);
            return new RawResponse(status, body, sent);
        }
    }

    // ---- 500

    @Test
    void anUnexpectedFailureIs500WithoutInternals() {
        // An honest failure: the database loses a table under a private server (no test hook in the product).
        try (TestServer own = TestServer.start(db)) {
            Api api = own.admin();
            api.get("/v1/environments").then().statusCode(200);
            own.latchkey()
                    .database()
                    .useTransaction(h -> h.execute("alter table environments rename to environments_gone"));
            var logged = io.latchkey.testkit.LogCapture.during(
                    ErrorMapper.class, ch.qos.logback.classic.Level.INFO, () -> api.get("/v1/environments"));
            Response r = logged.answer();
            String id = r.path("id");
            // The cause is logged, under the id the client was given: exception classes, SQLState and statement.
            assertThat(logged.events())
                    .anySatisfy(e -> assertThat(e.getFormattedMessage())
                            .contains(id)
                            .containsPattern("JdbcSQLSyntaxErrorException|PSQLException")
                            .contains("SQLState")
                            .contains("statement: select * from environments"));
            r.then()
                    .statusCode(500)
                    .body("code", equalTo("UNEXPECTED_ERROR"))
                    .body("id", notNullValue())
                    .body("message", containsString(r.path("id")));
            assertThat(r.asString())
                    .doesNotContainIgnoringCase("sql")
                    .doesNotContain("environments_gone")
                    .doesNotContain("Exception")
                    .doesNotContain("io.latchkey")
                    .doesNotContain("at org.");
            own.latchkey()
                    .database()
                    .useTransaction(h -> h.execute("alter table environments_gone rename to environments"));
            api.get("/v1/environments").then().statusCode(200);
        }
    }

    @Test
    void aFailedStatementNeverLogsItsBoundValues() {
        // An imported password hash is a bound value of the failing insert; the driver's message quotes it.
        try (TestServer own = TestServer.start(db)) {
            Api api = own.admin();
            String env = io.latchkey.testkit.Fixtures.environment(api);
            String hash = "{SSHA512}"
                    + java.util.Base64.getEncoder()
                            .encodeToString(
                                    ("secret-" + UUID.randomUUID()).repeat(4).getBytes());
            // The insert of the hash fails: a constraint no valid row breaks, as a full disk or a bug would.
            own.latchkey()
                    .database()
                    .useTransaction(h -> h.execute(
                            "alter table user_passwords add constraint hash_refused check (length(hash) < 5)"));
            // At DEBUG: nothing the mapper writes at any level may hold the value.
            var logged = io.latchkey.testkit.LogCapture.during(
                    ErrorMapper.class,
                    ch.qos.logback.classic.Level.DEBUG,
                    () -> api.request()
                            .contentType("application/vnd.pingidentity.user.import+json")
                            .body(java.util.Map.of(
                                    "username",
                                    "imported-" + UUID.randomUUID(),
                                    "password",
                                    java.util.Map.of("value", hash)))
                            .post("/v1/environments/{env}/users", env));
            Response r = logged.answer();
            r.then().statusCode(500);
            String id = r.path("id");
            assertThat(logged.events())
                    .anySatisfy(e -> assertThat(e.getFormattedMessage())
                            .contains(id)
                            .containsPattern("SQLState 2351[34]")
                            .contains("statement: insert into user_passwords"));
            for (var e : logged.events()) {
                assertThat(e.getFormattedMessage()).doesNotContain(hash.substring(9, 40));
                assertThat(e.getThrowableProxy())
                        .as("no exception (and so no driver message) is logged")
                        .isNull();
            }
            assertThat(r.asString()).doesNotContain(hash.substring(9, 40));
            own.latchkey()
                    .database()
                    .useTransaction(h -> h.execute("alter table user_passwords drop constraint hash_refused"));
        }
    }
}
