package io.latchkey.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * Makes H2 reopen an MVStore file at its newest commit after the process that wrote it was killed.
 *
 * <p>Why: since H2 2.2.220 (still so in 2.5.252) {@code FileStore.storeBuffer} writes a chunk, lets
 * {@code RandomAccessStore.writeChunk} decide to rewrite the file header, and only then sets {@code lastChunk} to the
 * new chunk; the header written for a chunk that is not where its predecessor predicted (a chunk placed in reused
 * space in the middle of the file) therefore names the <em>predecessor</em>, whose "next" points elsewhere. After an
 * unclean shutdown H2's quick recovery follows the header's chunk, its "next" chain and the chunk at the end of the
 * file, so it misses that chunk and every later one placed at predicted positions, and opens an older version: commits
 * already acknowledged are gone, and the next writes build on the old version. It only happens once dead chunks older
 * than the retention time (45 s) are reused, i.e. in a server that has run a while, not in a quick test on a quiet
 * machine. A full scan (H2's recovery mode) finds every complete chunk and picks the newest valid one.
 *
 * <p>So, before H2 opens a file not marked clean, compare what the quick recovery opens with what the full scan
 * opens; if the full scan finds a newer version, open the store in recovery mode once and close it normally, which
 * writes a clean header naming that version. Only after an unclean shutdown, and then one read of the file.
 */
final class H2Recovery {
    private H2Recovery() {}

    /** Repairs {@code file} (an H2 {@code .mv.db}) if an unclean shutdown left its header naming an older version. */
    static void repairIfNeeded(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) < 2 * 4096 || closedCleanly(file)) return;
            long quick = openedVersion(file, false);
            long full = openedVersion(file, true);
            if (full <= quick) return;
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .recoveryMode()
                    .autoCommitDisabled()
                    .open();
            store.close(0);
            long now = openedVersion(file, false);
            if (now < full)
                throw new IllegalStateException(
                        "H2 file " + file + " still opens at version " + now + " after recovery to " + full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MVStoreException e) {
            // Locked by another process, or corrupt: H2's own open reports it.
        }
    }

    /** Whether the file header carries H2's clean-shutdown mark. */
    private static boolean closedCleanly(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer block = ByteBuffer.allocate(4096);
            while (block.hasRemaining() && ch.read(block, block.position()) > 0) {}
            // "H:2,block:..,chunk:..,...,clean:1,...,fletcher:..\n"
            String header = new String(block.array(), StandardCharsets.ISO_8859_1);
            int end = header.indexOf('\n');
            return end > 0 && Arrays.asList(header.substring(0, end).split(",")).contains("clean:1");
        }
    }

    /** The version H2 opens {@code file} at (read-only, nothing written), with a full scan or H2's quick recovery. */
    private static long openedVersion(Path file, boolean fullScan) {
        MVStore.Builder builder =
                new MVStore.Builder().fileName(file.toString()).readOnly();
        if (fullScan) builder.recoveryMode();
        MVStore store = builder.open();
        try {
            return store.getCurrentVersion();
        } finally {
            store.closeImmediately();
        }
    }
}
