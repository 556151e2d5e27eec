package io.latchkey.policies;

import static io.latchkey.policies.PolicyFixtures.POLICIES;
import static io.latchkey.policies.PolicyFixtures.POLICY;
import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Concurrent default changes and deletions still leave exactly one default policy. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: concurrent writes: row locks and the unique constraint differ
class SignOnPolicyDefaultRaceTest {
    @Parameter
    Db db;

    @Test
    void concurrentDefaultChangesLeaveExactlyOneDefault() throws Exception {
        Api admin = TestServer.shared(db).admin();
        String env = Fixtures.environment(admin);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) ids.add(PolicyFixtures.policy(admin, env, "P" + i));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    String id = ids.get(i % ids.size());
                    int n = i;
                    results.add(pool.submit(() -> n % 4 == 3
                            ? admin.delete(POLICY, env, id).statusCode()
                            : admin.put(POLICY, Map.of("name", "P" + ids.indexOf(id), "default", true), env, id)
                                    .statusCode()));
                }
                for (Future<Integer> f : results) assertThat(f.get()).isIn(200, 204, 400, 404);
                List<String> defaults = admin.get(POLICIES, env)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("_embedded.signOnPolicies.findAll { it.default == true }.id");
                assertThat(defaults).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
