package io.latchkey.environments;

import static org.hamcrest.Matchers.equalTo;

import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Db.class)
class EnvironmentsSmokeTest {
    @Parameter
    Db db;

    @Test
    void createdEnvironmentCanBeRead() {
        var admin = TestServer.shared(db).admin();
        String id = Fixtures.environment(admin);
        admin.get("/v1/environments/{id}", id).then().statusCode(200).body("id", equalTo(id));
    }
}
