package io.latchkey.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An H2 file as a SIGKILL leaves it (a copy taken between two commits of a live database: what the process wrote is
 * in the file, nothing else happened) opens with every commit in it once {@link H2Recovery} has run. RETENTION_TIME=0
 * lets H2 reuse the space of dead chunks at once, as it does in a server that has run longer than the default 45 s:
 * that reuse is what makes H2's own quick recovery open an older version (see {@link H2Recovery}).
 */
class H2RecoveryTest {
    private static final String FLAGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";

    @TempDir
    Path dir;

    @Test
    void aKilledDatabaseReopensWithItsLastCommit() throws Exception {
        Path live = dir.resolve("live");
        List<String> lostWithoutRepair = new ArrayList<>();
        try (Connection c =
                        DriverManager.getConnection("jdbc:h2:file:" + live + FLAGS + ";RETENTION_TIME=0", "sa", "");
                Statement s = c.createStatement()) {
            // Holes in the file: tables written and emptied, so that later chunks go into reused space.
            for (int t = 0; t < 20; t++) {
                s.execute("create table t" + t + " (id int primary key, v varchar(300))");
                s.execute("insert into t" + t + " (id) select * from system_range(1, 100)");
                s.execute("update t" + t + " set v = repeat('y', 200)");
                s.execute("delete from t" + t);
            }
            s.execute("create table acked (n int primary key, v varchar(300))");
            for (int n = 1; n <= 40; n++) {
                s.execute("insert into acked values (" + n + ", repeat('x', 200))");
                // The kill: the file as it is right after commit n returned.
                Path killed = dir.resolve("killed-" + n + ".mv.db");
                Files.copy(Path.of(live + ".mv.db"), killed, StandardCopyOption.REPLACE_EXISTING);
                Path bare = dir.resolve("bare-" + n + ".mv.db");
                Files.copy(killed, bare);
                if (lastAcked(bare) != n) lostWithoutRepair.add("commit " + n);

                H2Recovery.repairIfNeeded(killed);
                assertThat(lastAcked(killed))
                        .as(
                                "the last commit after the kill that followed commit %d (bare H2 lost: %s)",
                                n, lostWithoutRepair)
                        .isEqualTo(n);
            }
        }
        // Not a requirement, a note: whether this H2 still needs the repair (if this list stays empty with a newer
        // H2, H2Recovery may be unnecessary; see its comment).
        System.out.println("H2RecoveryTest: bare H2 quick recovery lost the newest commit for " + lostWithoutRepair);
    }

    /** The highest n in {@code acked} of the H2 file {@code mvFile}, opened (and recovered) by H2 itself. */
    private static int lastAcked(Path mvFile) throws Exception {
        String base = mvFile.toString().substring(0, mvFile.toString().length() - ".mv.db".length());
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + base + FLAGS, "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(n), 0) from acked")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            return -1; // the table itself is not there: an even older version
        }
    }
}
