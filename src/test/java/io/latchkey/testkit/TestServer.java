package io.latchkey.testkit;

import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.throttle.ThrottleSettings;
import io.latchkey.throttle.TrustedProxies;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real Latchkey server on a random port, on H2 (in a temp data dir) or on a fresh database of the embedded
 * PostgreSQL. {@link #shared()} gives the one on H2 that ordinary API tests use, {@link #shared(Db)} one per database
 * per test JVM (see {@link Db} for which tests run on both); tests isolate themselves by creating
 * their own environments. {@link #start(Db)} gives a private one (restart tests), {@link #start(Db, UnaryOperator)} one
 * with a Config of the test's choosing.
 * <p>
 * Their rate limits are {@link #GENEROUS}: the shared servers serve some 60 test classes at once, all from 127.0.0.1,
 * many failing sign-ons on purpose. The throttling tests start servers with their own limits, one of them the defaults.
 */
public final class TestServer implements AutoCloseable {
    private static final Map<Db, TestServer> SHARED = new EnumMap<>(Db.class);

    /** Limits no test reaches, so that the throttling code still runs on every sign-on without refusing any. */
    public static final ThrottleSettings GENEROUS = new ThrottleSettings(
            ThrottleSettings.Limit.of(1_000_000, "1000000/s"),
            ThrottleSettings.Limit.of(1_000_000, "1000000/s"),
            ThrottleSettings.Limit.of(1_000_000, "1000000/s"),
            TrustedProxies.NONE);

    /**
     * The Argon2id cost of test servers: the suite signs on thousands of times to test behaviour, not hashing (the
     * real cost is PasswordHasherTest's and ServerProcess's, which starts the server as a user does).
     */
    public static final PasswordHasher.Cost CHEAP_HASHING = new PasswordHasher.Cost(64, 1);

    private final Db db;
    private Config config;
    private Latchkey server;
    private Api admin;

    public final String adminEnvironmentId = UUID.randomUUID().toString();
    public final String adminClientId = UUID.randomUUID().toString();
    public final String adminClientSecret = "test-admin-secret-" + UUID.randomUUID() + UUID.randomUUID();

    private TestServer(Db db, UnaryOperator<Config> customize) {
        this.db = db;
        try {
            Path dataDir = Files.createTempDirectory("latchkey-test-");
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            Config c = Config.defaults(dataDir)
                    .withPort(0)
                    .withMasterKey(Base64.getEncoder().encodeToString(key))
                    .withAdmin(adminEnvironmentId, adminClientId, adminClientSecret);
            if (db == Db.POSTGRES) c = c.withDatabase(EmbeddedPostgres.newDatabaseUrl(), "postgres", "postgres");
            this.config = customize.apply(c.withThrottle(GENEROUS).withPasswordHashing(CHEAP_HASHING));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boot();
    }

    /**
     * The server of the tests whose outcome does not depend on the database (most API tests): the shared one on H2,
     * a laptop's default. See {@link Db} for the tests that run on both databases.
     */
    public static TestServer shared() {
        return shared(Db.H2);
    }

    /** The server shared by all tests of this JVM on {@code db}. */
    public static synchronized TestServer shared(Db db) {
        return SHARED.computeIfAbsent(db, d -> new TestServer(d, UnaryOperator.identity()));
    }

    /** A server of one's own (close it). */
    public static TestServer start(Db db) {
        return new TestServer(db, UnaryOperator.identity());
    }

    /** A server of one's own whose Config {@code customize} adjusts (close it). */
    public static TestServer start(Db db, UnaryOperator<Config> customize) {
        return new TestServer(db, customize);
    }

    private void boot() {
        // The bootstrap prints the admin credentials; tests know them already.
        server = Latchkey.start(config, new PrintStream(new ByteArrayOutputStream()));
        config = config.withPort(server.port());
        admin = null;
    }

    /** Stops and starts again on the same database and port (data must survive). */
    public void restart() {
        server.close();
        boot();
    }

    /**
     * A second server on the same database and master key, with the same public base URL — as a second process
     * behind a load balancer would be. The caller closes it.
     */
    public Latchkey sibling() {
        return Latchkey.start(
                config.withPort(0).withBaseUrl(server.baseUrl()), new PrintStream(new ByteArrayOutputStream()));
    }

    public Db db() {
        return db;
    }

    public Config config() {
        return config;
    }

    public Latchkey latchkey() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** A client holding an admin worker token. */
    public synchronized Api admin() {
        if (admin == null)
            admin = Api.withClientCredentials(this, adminEnvironmentId, adminClientId, adminClientSecret);
        return admin;
    }

    /** A client with no token at all. */
    public Api anonymous() {
        return new Api(this, null);
    }

    @Override
    public void close() {
        server.close();
    }
}
