package io.latchkey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** {@link Migrations#LATEST} must name the newest migration Flyway finds, or restarts would skip a new one. */
class LatestMigrationTest {
    @Test
    void latestNamesTheNewestMigrationOnTheClasspath() {
        MigrationInfo[] pending = Flyway.configure()
                .dataSource("jdbc:h2:mem:latest-migration;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "")
                .locations("classpath:db/migration")
                .load()
                .info()
                .pending();
        MigrationVersion newest = Arrays.stream(pending)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        assertThat(Migrations.LATEST).isEqualTo(newest.getVersion());
    }
}
