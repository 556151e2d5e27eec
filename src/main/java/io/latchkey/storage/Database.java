package io.latchkey.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementCustomizer;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * The database: a Hikari pool over PostgreSQL or an embedded H2 file (PostgreSQL mode), migrated by Flyway
 * ({@link Migrations}), used through JDBI. Every multi-row write goes through {@link #inTransaction}.
 */
public final class Database implements AutoCloseable {
    private final CompletableFuture<HikariDataSource> pool;
    private final Jdbi jdbi;
    private final boolean postgres;
    private volatile TransactionObserver observer;
    /** Whether the transaction running on this thread has written (only tracked while an observer is watching). */
    private final ThreadLocal<boolean[]> wrote = ThreadLocal.withInitial(() -> new boolean[1]);

    private final RecentReads recentReads = new RecentReads();
    private final RecentReads.Reads<String, Boolean> existingEnvironments = recentReads.cache(10_000);

    private Database(CompletableFuture<HikariDataSource> pool, boolean postgres) {
        this.pool = pool;
        this.postgres = postgres;
        this.jdbi = Jdbi.create(() -> pool().getConnection());
        // A statement failure's message names the statement, never its bound values (they may be secrets).
        jdbi.getConfig(StatementExceptions.class)
                .setMessageRendering(StatementExceptions.MessageRendering.SHORT_STATEMENT);
        jdbi.addCustomizer(new StatementCustomizer() {
            @Override
            public void beforeExecution(java.sql.PreparedStatement stmt, StatementContext ctx) {
                TransactionObserver o = observer;
                if (o != null && o.watching() && isWrite(ctx.getRawSql())) wrote.get()[0] = true;
            }
        });
    }

    /**
     * Installs the one observer of transactions that wrote (see {@link TransactionObserver}); while it is watching a
     * thread, that thread's {@link #withHandle} runs as a transaction too, so a single-statement write is covered.
     */
    public void observeWrites(TransactionObserver o) {
        this.observer = o;
    }

    private static boolean isWrite(String sql) {
        String s = sql.stripLeading();
        return s.regionMatches(true, 0, "insert", 0, 6)
                || s.regionMatches(true, 0, "update", 0, 6)
                || s.regionMatches(true, 0, "delete", 0, 6)
                || s.regionMatches(true, 0, "merge", 0, 5);
    }

    /**
     * Opens (and migrates) PostgreSQL at {@code url}, or H2 under {@code dataDir} when {@code url} is null, on a
     * thread of its own, and returns at once: on a cold JVM opening takes several hundred ms that the caller can spend
     * assembling the rest of the server. Every use waits until the database is open, and fails with what kept it
     * from opening.
     */
    public static Database open(String url, String user, String password, Path dataDir) {
        return open(url, user, password, dataDir, null);
    }

    /**
     * As {@link #open(String, String, String, Path)}; the pool's gauges and timers ({@code hikaricp_*}) go to the
     * registry {@code metrics} gives, asked for on the opening thread just before the pool starts (the registry may be
     * still starting beside it).
     */
    public static Database open(
            String url, String user, String password, Path dataDir, Supplier<MeterRegistry> metrics) {
        HikariConfig hc = new HikariConfig();
        boolean postgres = url != null && !url.isBlank();
        if (postgres) {
            hc.setJdbcUrl(url);
            if (user != null) hc.setUsername(user);
            if (password != null) hc.setPassword(password);
            // PostgreSQL's error detail quotes the offending row's values ("Key (name)=(...)"): keep it out of
            // messages.
            hc.addDataSourceProperty("logServerErrorDetail", "false");
        } else {
            // LOCK_TIMEOUT: H2 gives up on a row lock after 1 s by default and the request fails with a 500;
            // PostgreSQL waits. 10 s keeps short contention (two writes of one row) an ordinary wait on H2 too.
            // WRITE_DELAY=0: by default H2 acknowledges a commit up to 500 ms before writing it to the file, so a
            // killed process lost writes already answered 201; with 0 every commit is in the file when it returns.
            // TRACE_LEVEL_FILE=0: no latchkey.trace.db beside the data; H2's errors reach the log as exceptions.
            hc.setJdbcUrl("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("latchkey")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;WRITE_DELAY=0"
                    + ";TRACE_LEVEL_FILE=0");
            hc.setUsername("sa");
            hc.setPassword("");
        }
        hc.setPoolName("latchkey");
        hc.setMaximumPoolSize(postgres ? 16 : 8);
        hc.setMinimumIdle(1);
        hc.setAutoCommit(true);
        CompletableFuture<HikariDataSource> pool = new CompletableFuture<>();
        Thread.ofPlatform().name("latchkey-database-open").daemon().start(() -> {
            try {
                // H2: see H2Recovery (acknowledged commits lost after a kill, H2 2.2.220 to at least 2.5.252).
                if (!postgres)
                    H2Recovery.repairIfNeeded(dataDir.toAbsolutePath().resolve("latchkey.mv.db"));
                if (metrics != null) hc.setMetricRegistry(metrics.get());
                pool.complete(openAndMigrate(hc));
            } catch (Throwable e) {
                pool.completeExceptionally(e);
            }
        });
        return new Database(pool, postgres);
    }

    private static HikariDataSource openAndMigrate(HikariConfig hc) {
        HikariDataSource pool = new HikariDataSource(hc);
        try {
            Migrations.apply(pool);
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private HikariDataSource pool() {
        try {
            return pool.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error r) throw r;
            throw e;
        }
    }

    /**
     * Whether the database answers and its schema is the one this build migrates to (the readiness probe): two small
     * catalogue queries on a pooled connection. Throws when no connection can be had.
     */
    public boolean schemaIsCurrent() {
        try (java.sql.Connection c = pool().getConnection()) {
            return Migrations.isCurrent(c);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The database cannot be reached.", e);
        }
    }

    /** The short-lived copies of hot configuration read from this database (see {@link RecentReads}). */
    public RecentReads recentReads() {
        return recentReads;
    }

    public boolean isPostgres() {
        return postgres;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code work} in one transaction: all of it commits or none of it does. */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
        TransactionObserver o = observer;
        if (o == null || !o.watching()) return jdbi.inTransaction(work);
        boolean[] flag = wrote.get();
        // A transaction opened while another runs on this thread (a read beside it) has its own flag.
        boolean outer = flag[0];
        boolean[] observed = {false};
        try {
            return jdbi.inTransaction(h -> {
                flag[0] = false;
                R result = work.withHandle(h);
                if (flag[0]) {
                    observed[0] = true;
                    o.beforeCommit(h);
                }
                return result;
            });
        } catch (Exception | Error e) {
            if (observed[0]) o.rolledBack();
            throw e;
        } finally {
            flag[0] = outer;
        }
    }

    /** Runs a read (or a single-statement write) on a pooled connection. */
    public <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
        TransactionObserver o = observer;
        if (o != null && o.watching()) return inTransaction(work);
        return jdbi.withHandle(work);
    }

    /**
     * As {@link #inTransaction}; when the transaction fails on a unique violation (the loser of a race the checks in
     * {@code work} could not rule out) it throws {@code duplicate.get()} instead, the answer those checks give.
     */
    public <R, X extends Exception> R inTransactionOrIfDuplicate(
            HandleCallback<R, X> work, Supplier<? extends RuntimeException> duplicate) throws X {
        return inTransactionOrIfDuplicate(work, duplicate, null);
    }

    /** As {@link #inTransactionOrIfDuplicate(HandleCallback, Supplier)}; a foreign-key violation throws {@code referenceGone.get()}. */
    public <R, X extends Exception> R inTransactionOrIfDuplicate(
            HandleCallback<R, X> work,
            Supplier<? extends RuntimeException> duplicate,
            Supplier<? extends RuntimeException> referenceGone)
            throws X {
        try {
            return inTransaction(work);
        } catch (RuntimeException e) {
            throw UniqueViolations.translated(e, duplicate, referenceGone);
        }
    }

    public void useTransaction(java.util.function.Consumer<Handle> work) {
        inTransaction(h -> {
            work.accept(h);
            return null;
        });
    }

    /**
     * Whether {@code failure} is a unique-constraint violation (SQLState 23505 on PostgreSQL and H2): the loser of
     * two concurrent writes of one unique value, which a check-then-insert cannot rule out.
     */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && "23505".equals(e.getSQLState())) return true;
        }
        return false;
    }

    /** Whether {@code failure} is a foreign-key violation (SQLState 23503): a referenced row went away meanwhile. */
    public static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException e && "23503".equals(e.getSQLState())) return true;
        }
        return false;
    }

    /**
     * Whether environment {@code env} exists. Every feature's rows hang off one, and a write into an unknown
     * environment must be a 404, not a foreign-key failure. A malformed id is simply not there.
     */
    public static boolean environmentExists(Handle h, String env) {
        return Ids.isUuid(env)
                && h.createQuery("select count(*) from environments where id = :env")
                                .bind("env", env)
                                .mapTo(Long.class)
                                .one()
                        > 0;
    }

    /**
     * As {@link #environmentExists}, as known at most {@link RecentReads#BOUND} ago: for the public read-only endpoints
     * (discovery, JWKS), which would otherwise read the database for it on every request.
     */
    public boolean environmentExistsRecently(String env) {
        return existingEnvironments
                .get(
                        env,
                        () -> withHandle(h -> environmentExists(h, env))
                                ? java.util.Optional.of(true)
                                : java.util.Optional.empty())
                .isPresent();
    }

    /** Refuses with 404 when environment {@code env} does not exist (see {@link #environmentExists}). */
    public static void requireEnvironment(Handle h, String env) {
        if (!environmentExists(h, env)) throw io.latchkey.http.ApiException.notFound("Environment", env);
    }

    /** Closes the pool once the database is open; one that failed to open has nothing to close. */
    @Override
    public void close() {
        try {
            pool().close();
        } catch (RuntimeException e) {
            // never opened
        }
    }
}
