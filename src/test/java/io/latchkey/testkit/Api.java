package io.latchkey.testkit;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.ObjectMapperConfig;
import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.mapper.ObjectMapperType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * An HTTP client of one Latchkey server, optionally holding a bearer token. Every management response it
 * receives goes through the OpenAPI contract check ({@link ContractCheck}).
 */
public final class Api {
    /**
     * Bodies are serialised with Jackson 2, as the server's: webauthn4j brings Jackson 3 onto the class path, which
     * REST Assured would otherwise prefer, and it writes a Jackson 2 {@code ObjectNode} as a bean, not as JSON.
     */
    private static final ObjectMapperConfig JACKSON_2 =
            ObjectMapperConfig.objectMapperConfig().defaultObjectMapperType(ObjectMapperType.JACKSON_2);

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .redirect(RedirectConfig.redirectConfig().followRedirects(false))
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false))
            .objectMapperConfig(JACKSON_2);

    static {
        // The same for the tests that call REST Assured directly.
        RestAssured.config = RestAssured.config().objectMapperConfig(JACKSON_2);
    }

    private final TestServer server;
    private final String token;

    Api(TestServer server, String token) {
        this.server = server;
        this.token = token;
    }

    /** Gets a client_credentials token at {@code /{envId}/as/token} with client_secret_basic. */
    public static Api withClientCredentials(TestServer server, String envId, String clientId, String secret) {
        String token = given().config(CONFIG)
                .baseUri(server.baseUrl())
                .auth()
                .preemptive()
                .basic(clientId, secret)
                .formParam("grant_type", "client_credentials")
                .post("/" + envId + "/as/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        return new Api(server, token);
    }

    /** A client presenting {@code token}, however it was obtained (a user's sign-on, say). */
    public static Api withToken(TestServer server, String token) {
        return new Api(server, token);
    }

    public String token() {
        return token;
    }

    public TestServer server() {
        return server;
    }

    /** A request to this server: base URI, bearer token (if any), no redirects followed, contract-checked. */
    public RequestSpecification request() {
        RequestSpecification spec =
                given().config(CONFIG).baseUri(server.baseUrl()).filter(ContractCheck.FILTER);
        if (token != null) spec = spec.header("Authorization", "Bearer " + token);
        return spec;
    }

    /** A JSON request with {@code body} (a Map, a record or a JSON string). */
    public RequestSpecification json(Object body) {
        return request().contentType(ContentType.JSON).body(body);
    }

    public Response get(String path, Object... pathParams) {
        return request().get(path, pathParams);
    }

    public Response post(String path, Object body, Object... pathParams) {
        return json(body).post(path, pathParams);
    }

    public Response put(String path, Object body, Object... pathParams) {
        return json(body).put(path, pathParams);
    }

    public Response patch(String path, Object body, Object... pathParams) {
        return json(body).patch(path, pathParams);
    }

    public Response delete(String path, Object... pathParams) {
        return request().delete(path, pathParams);
    }
}
