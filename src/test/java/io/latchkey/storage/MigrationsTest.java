package io.latchkey.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.latchkey.app.Latchkey;
import io.latchkey.testkit.Db;
import io.latchkey.testkit.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Flyway is skipped only for a schema whose history ends, successfully, at the newest migration. */
@ParameterizedClass
@EnumSource(Db.class) // both databases: the migrations run on each dialect
class MigrationsTest {
    @Parameter
    Db db;

    private static boolean isCurrent(Database database) throws java.sql.SQLException {
        return database.<Boolean, java.sql.SQLException>withHandle(h -> Migrations.isCurrent(h.getConnection()));
    }

    @Test
    void aSchemaWithAFailedLastMigrationIsNotCurrentAndFlywayThenRefusesToStart() throws Exception {
        try (TestServer own = TestServer.start(db)) {
            Database database = own.latchkey().database();
            assertThat(isCurrent(database)).isTrue();

            database.withHandle(h ->
                    h.execute("update flyway_schema_history set success = false where version = ?", Migrations.LATEST));
            assertThat(isCurrent(database)).isFalse();
            // Not skipped: Flyway runs, sees the failed migration, and the start fails instead of serving.
            assertThatThrownBy(own::sibling).hasMessageContaining(Migrations.LATEST);

            database.withHandle(h ->
                    h.execute("update flyway_schema_history set success = true where version = ?", Migrations.LATEST));
            try (Latchkey sibling = own.sibling()) {
                assertThat(sibling.port()).isPositive();
            }
        }
    }

    @Test
    void aSchemaBehindTheNewestMigrationIsNotCurrent() throws Exception {
        try (TestServer own = TestServer.start(db)) {
            Database database = own.latchkey().database();
            database.withHandle(h -> h.execute(
                    "update flyway_schema_history set version = '50.9' where version = ?", Migrations.LATEST));
            assertThat(isCurrent(database)).isFalse();
            // Not skipped: Flyway runs and refuses a history with a version it does not know.
            assertThatThrownBy(own::sibling).hasMessageContaining("50.9");
        }
    }
}
