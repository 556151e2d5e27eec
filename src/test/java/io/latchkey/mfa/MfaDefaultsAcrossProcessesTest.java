package io.latchkey.mfa;

import static io.latchkey.mfa.MfaFixtures.DEVICE_POLICIES;
import static io.latchkey.mfa.MfaFixtures.FIDO2_POLICIES;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.latchkey.app.Latchkey;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.ContractCheck;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default MFA and FIDO2 policies are made at an environment's first MFA use: two processes on one database,
 * hit at once, still make exactly one of each.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MfaDefaultsAcrossProcessesTest {
    @Parameter
    Db db;

    @Test
    void simultaneousFirstUsesOnTwoProcessesMakeOneDefaultOfEachKind() throws Exception {
        TestServer first = TestServer.shared(db);
        Api admin = first.admin();
        String env = Fixtures.environment(admin);
        try (Latchkey second = first.sibling();
                var pool = Executors.newFixedThreadPool(8)) {
            List<String> bases = List.of(first.baseUrl(), "http://localhost:" + second.port());
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String base = bases.get(i % 2);
                String path = i % 4 < 2 ? DEVICE_POLICIES : FIDO2_POLICIES;
                Callable<Integer> read = () -> given().baseUri(base)
                        .filter(ContractCheck.FILTER)
                        .header("Authorization", "Bearer " + admin.token())
                        .get(path, env)
                        .statusCode();
                answers.add(pool.submit(read));
            }
            for (Future<Integer> a : answers) assertThat(a.get()).isEqualTo(200);
        }
        admin.get(DEVICE_POLICIES, env)
                .then()
                .body("count", equalTo(1))
                .body("_embedded.deviceAuthenticationPolicies[0].default", equalTo(true));
        admin.get(FIDO2_POLICIES, env)
                .then()
                .body("count", equalTo(1))
                .body("_embedded.fido2Policies[0].default", equalTo(true));
    }
}
