package io.latchkey.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.restassured.RestAssured;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: it must accept what PingOne answers and catch what PingOne would not answer. */
class ContractCheckTest {
    private static final String ENV = "01a2080b-7354-7f22-9874-ec20f5ddaeff";

    @BeforeAll
    static void descriptionPresent() {
        if (ContractCheck.required())
            assertThat(ContractCheck.active())
                    .as("the OpenAPI description is required")
                    .isTrue();
        Assumptions.assumeTrue(ContractCheck.active(), "PingOne's OpenAPI description is absent: nothing to check");
    }

    private static List<String> check(String method, String path, int status, String body) {
        return ContractCheck.problems(
                method,
                path,
                status,
                body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private static String environment(String region, String extra) {
        return """
                {"_links":{"self":{"href":"http://localhost/v1/environments/%1$s"}},"id":"%1$s",
                 "organization":{"id":"o"},"name":"dev","region":%2$s,"type":"SANDBOX","status":"ACTIVE",
                 "createdAt":"2026-11-23T10:54:57.876Z","updatedAt":"2026-11-23T10:54:57.876Z",
                 "license":{"id":"00000000-0000-4000-8000-1a7c4e000001"},
                 "billOfMaterials":{"products":[{"type":"PING_ONE_BASE"}]}%3$s}""".formatted(ENV, region, extra);
    }

    @Test
    void aWellFormedEnvironmentPasses() {
        assertThat(check("GET", "/v1/environments/" + ENV, 200, environment("\"NA\"", "")))
                .isEmpty();
    }

    @Test
    void aNumberWhereTheRegionStringBelongsIsReported() {
        assertThat(check("GET", "/v1/environments/" + ENV, 200, environment("7", "")))
                .anySatisfy(p -> assertThat(p).contains("/region"));
    }

    @Test
    void aFieldTheDescriptionDoesNotKnowIsReported() {
        assertThat(check("GET", "/v1/environments/" + ENV, 200, environment("\"NA\"", ",\"invented\":true")))
                .anySatisfy(p -> assertThat(p).contains("additionalProperties").contains("invented"));
    }

    @Test
    void anUnknownEnumValueIsReported() {
        assertThat(check(
                        "GET",
                        "/v1/environments/" + ENV,
                        200,
                        environment("\"NA\"", "").replace("SANDBOX", "DEV")))
                .anySatisfy(p -> assertThat(p).contains("/type"));
    }

    @Test
    void aSuccessStatusTheOperationDoesNotDeclareIsReported() {
        assertThat(check("POST", "/v1/environments", 200, environment("\"NA\"", "")))
                .isNotEmpty();
    }

    @Test
    void aPingOneErrorBodyPasses() {
        assertThat(check("POST", "/v1/environments", 400, """
                {"id":"e","code":"INVALID_DATA","message":"m","details":[{"code":"OUT_OF_RANGE","target":"x","message":"m",
                 "innerError":{"rangeMinimumValue":1,"rangeMaximumValue":5}}]}""")).isEmpty();
    }

    @Test
    void detailsAsAnObjectIsReported() {
        assertThat(check(
                        "POST",
                        "/v1/environments",
                        400,
                        "{\"id\":\"e\",\"code\":\"INVALID_DATA\",\"message\":\"m\",\"details\":{}}"))
                .isNotEmpty();
    }

    @Test
    void anUndeclaredErrorStatusMustStillCarryAPingOneErrorBody() {
        String good = "{\"id\":\"e\",\"code\":\"INVALID_REQUEST\",\"message\":\"too large\"}";
        assertThat(check("POST", "/v1/environments", 413, good)).isEmpty();
        assertThat(check("POST", "/v1/environments", 413, "{\"error\":\"too_large\"}"))
                .isNotEmpty();
        // 405: the path has no PATCH at all.
        assertThat(check("PATCH", "/v1/environments", 405, good)).isEmpty();
        assertThat(check("PATCH", "/v1/environments", 405, "{\"code\":7}")).isNotEmpty();
    }

    @Test
    void filterErrorsMayListSupportedOperatorsAndAttributesButNothingElseUnknown() {
        String filterError = """
                {"id":"e","code":"INVALID_DATA","message":"m","details":[{"code":"INVALID_FILTER","target":"filter","message":"m",
                 "innerError":{"supportedOperators":["eq","sw"],"supportedAttributes":["id","name"]%s}}]}""";
        assertThat(check("GET", "/v1/environments", 400, filterError.formatted("")))
                .isEmpty();
        assertThat(check("GET", "/v1/environments", 400, filterError.formatted(",\"invented\":1")))
                .anySatisfy(p -> assertThat(p).contains("invented"));
    }

    @Test
    void aLoginActionMatchesExactlyOneActionSchema() {
        String path = "/v1/environments/" + ENV + "/signOnPolicies/p/actions/a";
        String login = """
                {"_links":{"self":{"href":"http://localhost/x"}},"id":"a","environment":{"id":"%s"},"priority":1,
                 "type":"LOGIN","signOnPolicy":{"id":"p"},"recovery":{"enabled":true},"registration":{"enabled":false}%s}""";
        assertThat(check("GET", path, 200, login.formatted(ENV, ""))).isEmpty();
        assertThat(check("GET", path, 200, login.formatted(ENV, ",\"invented\":1")))
                .isNotEmpty();
        assertThat(check("GET", path, 200, login.formatted(ENV, "").replace("\"LOGIN\"", "\"PINGID_AUTHENTICATION\"")))
                .isNotEmpty();
    }

    @Test
    void theResourceEnvelopeIsAcceptedWhereTheDescriptionLeavesItOut() {
        String path = "/v1/environments/" + ENV + "/applications/a/grants/g";
        String grant = """
                {"_links":{"self":{"href":"http://localhost/x"}},"id":"g","environment":{"id":"%s"},"application":{"id":"a"},
                 "resource":{"id":"r"},"scopes":[{"id":"s"}],"createdAt":"2026-11-23T10:54:57.876Z","updatedAt":"2026-11-23T10:54:57.876Z"%s}""";
        assertThat(check("GET", path, 200, grant.formatted(ENV, ""))).isEmpty();
        assertThat(check("GET", path, 200, grant.formatted(ENV, ",\"environmentName\":\"x\"")))
                .isNotEmpty();
    }

    @Test
    void pathsOutsideTheDescriptionAreNotChecked() {
        assertThat(check("GET", "/v1/environments/" + ENV + "/latchkeyOnly", 200, "{\"anything\":1}"))
                .isEmpty();
    }

    @Test
    void theFilterFailsTheTestWithMethodPathStatusAndEveryProblem() throws Exception {
        // A stub server that answers like a broken Latchkey would: two problems in one body.
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] bad = environment("7", ",\"invented\":true").getBytes(StandardCharsets.UTF_8);
        stub.createContext("/", x -> {
            x.getResponseHeaders().add("Content-Type", "application/json");
            x.sendResponseHeaders(200, bad.length);
            x.getResponseBody().write(bad);
            x.close();
        });
        stub.start();
        try {
            assertThatThrownBy(() -> RestAssured.given()
                            .baseUri("http://127.0.0.1:" + stub.getAddress().getPort())
                            .filter(ContractCheck.FILTER)
                            .get("/v1/environments/" + ENV + "?x=1"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("GET /v1/environments/" + ENV + " -> 200")
                    .hasMessageContaining("/region")
                    .hasMessageContaining("invented");
            // Outside /v1 nothing is checked.
            assertThat(RestAssured.given()
                            .baseUri("http://127.0.0.1:" + stub.getAddress().getPort())
                            .filter(ContractCheck.FILTER)
                            .get("/" + ENV + "/as/jwks")
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void theTabIsReplacedAndEveryActionTypeIsPinned() {
        String patched = ContractCheck.patch(readSpec());
        assertThat(patched).doesNotContain("\t");
        for (String t : List.of(
                "LOGIN",
                "MULTI_FACTOR_AUTHENTICATION",
                "IDENTIFIER_FIRST",
                "IDENTITY_PROVIDER",
                "AGREEMENT",
                "PROGRESSIVE_PROFILING",
                "PINGID_AUTHENTICATION",
                "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION")) {
            assertThat(patched).contains("enum: [" + t + "]");
        }
    }

    private static String readSpec() {
        try {
            return java.nio.file.Files.readString(ContractCheck.specPath());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
