package io.latchkey.passwords;

import static io.latchkey.users.UserFixtures.STRONG;
import static io.latchkey.users.UserFixtures.STRONG2;
import static io.latchkey.users.UserFixtures.STRONG3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.latchkey.http.ApiException;
import io.latchkey.http.ErrorDetail;
import io.latchkey.http.Json;
import io.latchkey.populations.PopulationService;
import io.latchkey.storage.Database;
import io.latchkey.testkit.Api;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.Fixtures;
import io.latchkey.testkit.TestServer;
import io.latchkey.users.User;
import io.latchkey.users.UserFixtures;
import io.latchkey.users.UserService;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The service API the sign-on flows call ({@link PasswordService}, {@link UserService}), on the test server's own
 * database. Two service instances stand for two processes sharing the database.
 */
@ParameterizedClass
@EnumSource(Db.class) // both databases: two services on one database: counters and lockouts are updated in SQL
@SuppressWarnings("unchecked")
class PasswordServiceTest {
    @Parameter
    Db db;

    Api admin() {
        return TestServer.shared(db).admin();
    }

    Database database() {
        return TestServer.shared(db).latchkey().database();
    }

    PasswordService passwords() {
        Database d = database();
        return new PasswordService(
                d,
                new PasswordHasher(),
                new PasswordPolicyService(d),
                new io.latchkey.activities.ActivityLog(d, java.time.Duration.ofDays(14)));
    }

    UserService users() {
        return new UserService(database(), new PopulationService(database()), passwords());
    }

    static List<ErrorDetail> details(Runnable r) {
        try {
            r.run();
        } catch (ApiException e) {
            return e.details();
        }
        throw new AssertionError("expected an ApiException");
    }

    @Test
    void rightPasswordIsOkAndWrongOnesCountDownToALockout() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "counted", STRONG);
        PasswordService one = passwords();
        PasswordService other = passwords();
        assertThat(one.checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(one.checkSignOn(env, id, "wrong1")).isEqualTo(new SignOnCheck.Wrong(4));
        assertThat(other.checkSignOn(env, id, "wrong2")).isEqualTo(new SignOnCheck.Wrong(3));
        assertThat(one.checkSignOn(env, id, "wrong3")).isEqualTo(new SignOnCheck.Wrong(2));
        assertThat(other.checkSignOn(env, id, "wrong4")).isEqualTo(new SignOnCheck.Wrong(1));
        SignOnCheck fifth = one.checkSignOn(env, id, "wrong5");
        assertThat(fifth).isInstanceOf(SignOnCheck.Locked.class);
        assertThat(((SignOnCheck.Locked) fifth).secondsUntilUnlock()).isBetween(890L, 900L);
        // locked: even the right password is refused
        assertThat(other.checkSignOn(env, id, STRONG)).isInstanceOf(SignOnCheck.Locked.class);
        admin.get("/v1/environments/{env}/users/{id}", env, id)
                .then()
                .body("account.status", equalTo("LOCKED"))
                .body("account.canAuthenticate", equalTo(false))
                .body("account.secondsUntilUnlock", notNullValue())
                .body("account.unlockAt", notNullValue());
        admin.get("/v1/environments/{env}/users/{id}/password", env, id)
                .then()
                .body("status", equalTo("PASSWORD_LOCKED_OUT"))
                .body("secondsUntilUnlock", notNullValue());
        // an administrator's unlock ends it and resets the count
        admin.request()
                .contentType("application/vnd.pingidentity.account.unlock+json")
                .post("/v1/environments/{env}/users/{id}", env, id)
                .then()
                .statusCode(200)
                .body("account.status", equalTo("OK"));
        assertThat(one.checkSignOn(env, id, "wrong")).isEqualTo(new SignOnCheck.Wrong(4));
        assertThat(one.checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(one.checkSignOn(env, id, "wrong")).isEqualTo(new SignOnCheck.Wrong(4));
    }

    @Test
    void aLockoutEndsByItselfAfterThePolicysDuration() throws InterruptedException {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String standard = UserFixtures.policy(admin, env, "Standard");
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", "Standard");
        policy.put("excludesCommonlyUsed", true);
        policy.put("excludesProfileData", true);
        policy.put("notSimilarToCurrent", true);
        policy.put("lockout", Map.of("failureCount", 2, "durationSeconds", 1));
        admin.put("/v1/environments/{env}/passwordPolicies/{id}", policy, env, standard)
                .then()
                .statusCode(200);
        String id = UserFixtures.userWithPassword(admin, env, "brief", STRONG);
        PasswordService s = passwords();
        assertThat(s.checkSignOn(env, id, "x")).isEqualTo(new SignOnCheck.Wrong(1));
        assertThat(s.checkSignOn(env, id, "x")).isEqualTo(new SignOnCheck.Locked(1));
        assertThat(s.checkSignOn(env, id, STRONG)).isInstanceOf(SignOnCheck.Locked.class);
        // The behaviour itself: the lockout's duration (1 s, the shortest a policy has) must pass; polling would count
        // as further attempts.
        Thread.sleep(1_200);
        assertThat(s.checkSignOn(env, id, "x")).isEqualTo(new SignOnCheck.Wrong(1));
        assertThat(s.checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void unknownUsersAreWrongAndCostAboutAsMuchAsAWrongPassword() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "timed", STRONG);
        PasswordService s = passwords();
        s.checkUnknownUser("warm-up");
        long[] unknown = new long[3];
        long[] wrong = new long[3];
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            assertThat(s.checkSignOn(env, null, "guess" + i)).isEqualTo(new SignOnCheck.Wrong(null));
            unknown[i] = System.nanoTime() - t;
            t = System.nanoTime();
            assertThat(s.checkSignOn(env, id, "guess" + i)).isInstanceOf(SignOnCheck.Wrong.class);
            wrong[i] = System.nanoTime() - t;
        }
        assertThat(s.checkSignOn(env, "00000000-0000-4000-8000-000000000000", "x"))
                .isEqualTo(new SignOnCheck.Wrong(null));
        Arrays.sort(unknown);
        Arrays.sort(wrong);
        // both are dominated by one Argon2id verification
        assertThat(unknown[1]).isGreaterThan(wrong[1] / 3);
        assertThat(s.checkUnknownUser("x")).isEqualTo(new SignOnCheck.Wrong(null));
    }

    @Test
    void disabledLockedAndPasswordlessUsersCannotSignOn() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        PasswordService s = passwords();
        String disabled = UserFixtures.userWithPassword(admin, env, "disabled", STRONG);
        admin.put("/v1/environments/{env}/users/{id}/enabled", Map.of("enabled", false), env, disabled)
                .then()
                .statusCode(200);
        assertThat(s.checkSignOn(env, disabled, STRONG)).isEqualTo(new SignOnCheck.Disabled());
        String locked = UserFixtures.userWithPassword(admin, env, "locked", STRONG);
        admin.request()
                .contentType("application/vnd.pingidentity.account.lock+json")
                .post("/v1/environments/{env}/users/{id}", env, locked)
                .then()
                .statusCode(200);
        assertThat(s.checkSignOn(env, locked, STRONG)).isEqualTo(new SignOnCheck.Locked(-1));
        String none = UserFixtures.user(admin, env, "none");
        assertThat(s.checkSignOn(env, none, STRONG)).isEqualTo(new SignOnCheck.NoPassword());
    }

    @Test
    void anExpiredPasswordMustBeChanged() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "old", STRONG);
        long longAgo = System.currentTimeMillis() - 183L * 86_400_000L;
        database()
                .useTransaction(h -> h.createUpdate("update user_passwords set changed_at = :t where user_id = :id")
                        .bind("t", longAgo)
                        .bind("id", id)
                        .execute());
        assertThat(passwords().checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(true));
        admin.get("/v1/environments/{env}/users/{id}/password", env, id)
                .then()
                .body("status", equalTo("PASSWORD_EXPIRED"));
    }

    @Test
    void changeChecksTheCurrentPasswordAndThePolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "changer", STRONG);
        PasswordService s = passwords();
        List<ErrorDetail> wrong = details(() -> s.change(env, id, "nope", STRONG2));
        assertThat(wrong)
                .extracting(ErrorDetail::code, ErrorDetail::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("INVALID_VALUE", "currentPassword"));
        List<ErrorDetail> weak = details(() -> s.change(env, id, STRONG, "changer"));
        assertThat(weak).allSatisfy(d -> {
            assertThat(d.code()).isEqualTo("INVALID_VALUE");
            assertThat(d.target()).isEqualTo("newPassword");
            assertThat((List<Object>) d.innerError().get("unsatisfiedRequirements"))
                    .contains("length", "excludesProfileData");
        });
        assertThat(s.checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(false));
        s.change(env, id, STRONG, STRONG2);
        assertThat(s.checkSignOn(env, id, STRONG)).isInstanceOf(SignOnCheck.Wrong.class);
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
        // Standard's minAgeDays (1) now applies: the user changed it themself and no change is required
        List<ErrorDetail> tooSoon = details(() -> s.change(env, id, STRONG2, STRONG3));
        assertThat(tooSoon)
                .anySatisfy(d -> assertThat((List<Object>) d.innerError().get("unsatisfiedRequirements"))
                        .contains("minAgeDays"));
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void aForcedChangeIsAllowedAtOnceAndClearsTheFlag() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.user(admin, env, "forced");
        UserFixtures.setPassword(admin, env, id, Map.of("value", STRONG, "forceChange", true))
                .then()
                .statusCode(200);
        PasswordService s = passwords();
        assertThat(s.checkSignOn(env, id, STRONG)).isEqualTo(new SignOnCheck.Ok(true));
        s.change(env, id, STRONG, STRONG2);
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void changingWhileLockedIsPasswordLockedOut() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "lockedout", STRONG);
        PasswordService s = passwords();
        for (int i = 0; i < 4; i++) s.checkSignOn(env, id, "bad");
        List<ErrorDetail> fifth = details(() -> s.change(env, id, "bad", STRONG2));
        assertThat(fifth.get(0).code()).isEqualTo("PASSWORD_LOCKED_OUT");
        assertThat(fifth.get(0).innerError()).containsKey("secondsUntilUnlock");
        List<ErrorDetail> after = details(() -> s.change(env, id, STRONG, STRONG2));
        assertThat(after.get(0).code()).isEqualTo("PASSWORD_LOCKED_OUT");
    }

    @Test
    void recoveryCodesAreSingleUseLimitedAndExpire() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "recoverer", STRONG);
        PasswordService s = passwords();
        String code = s.startRecovery(env, id);
        assertThat(code).matches("\\d{8}");
        String stored = database()
                .withHandle(h -> h.createQuery("select code_hash from password_recovery where user_id = :id")
                        .bind("id", id)
                        .mapTo(String.class)
                        .one());
        assertThat(stored).doesNotContain(code);
        // a weak new password keeps the code usable
        assertThat(details(() -> s.recover(env, id, code, "weak")))
                .allSatisfy(d -> assertThat(d.target()).isEqualTo("newPassword"));
        s.recover(env, id, code, STRONG2);
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(details(() -> s.recover(env, id, code, STRONG3)).get(0).target())
                .isEqualTo("recoveryCode");

        // five wrong attempts use a code up
        String second = s.startRecovery(env, id);
        String wrongCode = second.equals("12345678") ? "87654321" : "12345678";
        for (int i = 0; i < PasswordService.RECOVERY_MAX_ATTEMPTS; i++) {
            assertThat(details(() -> s.recover(env, id, wrongCode, STRONG3))
                            .get(0)
                            .target())
                    .isEqualTo("recoveryCode");
        }
        assertThat(details(() -> s.recover(env, id, second, STRONG3)).get(0).target())
                .isEqualTo("recoveryCode");

        // and they expire
        String third = s.startRecovery(env, id);
        database()
                .useTransaction(h -> h.createUpdate("update password_recovery set expires_at = 1 where user_id = :id")
                        .bind("id", id)
                        .execute());
        assertThat(details(() -> s.recover(env, id, third, STRONG3)).get(0).target())
                .isEqualTo("recoveryCode");
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void recoveryEndsALockout() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "lockedrecover", STRONG);
        PasswordService s = passwords();
        for (int i = 0; i < 5; i++) s.checkSignOn(env, id, "bad");
        assertThat(s.checkSignOn(env, id, STRONG)).isInstanceOf(SignOnCheck.Locked.class);
        s.recover(env, id, s.startRecovery(env, id), STRONG2);
        assertThat(s.checkSignOn(env, id, STRONG2)).isEqualTo(new SignOnCheck.Ok(false));
    }

    @Test
    void registrationCreatesTheUserWithItsPasswordOrNothing() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        UserService users = users();
        var weak = Json.object()
                .put("username", "newbie")
                .put("email", "newbie@example.com")
                .put("password", "short");
        List<ErrorDetail> problems = details(() -> users.register(env, null, weak));
        assertThat(problems).allSatisfy(d -> assertThat(d.target()).isEqualTo("password"));
        assertThat(users.findByUsername(env, "newbie")).isEmpty();
        var noPassword = Json.object().put("username", "newbie");
        assertThat(details(() -> users.register(env, null, noPassword)))
                .extracting(ErrorDetail::code, ErrorDetail::target)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("REQUIRED_VALUE", "password"));

        var body = Json.object()
                .put("username", "Newbie")
                .put("email", "newbie@example.com")
                .put("password", STRONG)
                .put("enabled", false);
        body.putObject("name").put("given", "New").put("family", "Bie");
        User u = users.register(env, null, body);
        assertThat(u.enabled()).isTrue();
        assertThat(u.populationId()).isEqualTo(UserFixtures.defaultPopulation(admin, env));
        assertThat(u.doc().path("name").path("given").asText()).isEqualTo("New");
        assertThat(users.findByUsername(env, "NEWBIE")).map(User::id).contains(u.id());
        assertThat(passwords().checkSignOn(env, u.id(), STRONG)).isEqualTo(new SignOnCheck.Ok(false));
        assertThat(details(() -> users.register(env, null, body.deepCopy().put("username", "newbie"))))
                .extracting(ErrorDetail::code)
                .containsExactly("UNIQUENESS_VIOLATION");
    }

    @Test
    void registrationIntoAChosenPopulationUsesItsPolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String basic = UserFixtures.policy(admin, env, "Basic");
        String pop = admin.post(
                        "/v1/environments/{env}/populations",
                        Map.of("name", "Self", "passwordPolicy", Map.of("id", basic)),
                        env)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        User u = users().register(
                        env, pop, Json.object().put("username", "selfie").put("password", "Selfie#2k"));
        assertThat(u.populationId()).isEqualTo(pop);
        assertThat(passwords().policyFor(env, u.id()).path("name").asText()).isEqualTo("Basic");
        assertThat(passwords().policyForPopulation(env, pop).path("id").asText())
                .isEqualTo(basic);
    }

    @Test
    void lookupsAndTheEffectivePolicy() {
        Api admin = admin();
        String env = Fixtures.environment(admin);
        String id = UserFixtures.userWithPassword(admin, env, "Look.Up", STRONG);
        UserService users = users();
        User u = users.get(env, id);
        assertThat(u.username()).isEqualTo("Look.Up");
        assertThat(u.email()).isEqualTo("Look.Up@example.com");
        assertThat(users.findByUsername(env, "look.up")).map(User::id).contains(id);
        assertThat(users.findByUsername(env, "nobody")).isEmpty();
        assertThatThrownBy(() -> users.get(env, "00000000-0000-4000-8000-000000000000"))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(404));
        String otherEnv = Fixtures.environment(admin);
        assertThat(users.find(otherEnv, id)).isEmpty();
        assertThat(users.findByUsername(otherEnv, "Look.Up")).isEmpty();
        var policy = passwords().policyFor(env, id);
        assertThat(policy.path("name").asText()).isEqualTo("Standard");
        assertThat(policy.path("lockout").path("failureCount").asInt()).isEqualTo(5);
        users.recordSignOn(env, id, "192.0.2.7");
        admin.get("/v1/environments/{env}/users/{id}", env, id)
                .then()
                .body("lastSignOn.remoteIp", equalTo("192.0.2.7"))
                .body("lastSignOn.at", notNullValue());
    }
}
