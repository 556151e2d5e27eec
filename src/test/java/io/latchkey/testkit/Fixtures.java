package io.latchkey.testkit;

import java.util.Map;
import java.util.UUID;

/** Objects most tests need, created over the API. */
public final class Fixtures {
    private Fixtures() {}

    /** A new SANDBOX environment with a unique name; returns its id. */
    public static String environment(Api admin) {
        return admin.post(
                        "/v1/environments",
                        Map.of("name", "test-" + UUID.randomUUID(), "region", "NA", "type", "SANDBOX"))
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
