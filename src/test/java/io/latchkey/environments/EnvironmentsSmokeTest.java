package io.latchkey.environments;

import static org.hamcrest.Matchers.equalTo;

import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import org.junit.jupiter.api.Test;

class EnvironmentsSmokeTest {
    @Test
    void createdEnvironmentCanBeRead() {
        var admin = TestServer.shared().admin();
        String id = Fixtures.environment(admin);
        admin.get("/v1/environments/{id}", id).then().statusCode(200).body("id", equalTo(id));
    }
}
