package io.latchkey.portability;

import java.io.PrintWriter;

/**
 * What a long export or import tells the operator on stderr: a bar redrawn in place when stderr is a terminal (or
 * {@code --progress} asks for it), otherwise nothing until the plain counts at the end. Never a row's values.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean bar;
    private long total;
    private long done;
    private long lastDraw;
    private String unit = "rows";

    public Progress(PrintWriter err, boolean bar) {
        this.err = err;
        this.bar = bar;
    }

    /** A progress that shows nothing (tests, dry runs of callers that print their own summary). */
    public static Progress none() {
        return new Progress(null, false);
    }

    void start(long total, String unit) {
        this.total = total;
        this.done = 0;
        this.unit = unit;
        this.lastDraw = 0;
    }

    void advance(long n) {
        done += n;
        if (!bar || err == null) return;
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && done < total) return;
        lastDraw = now;
        draw();
    }

    long done() {
        return done;
    }

    void finish() {
        if (!bar || err == null) return;
        draw();
        err.print('\n');
        err.flush();
    }

    private void draw() {
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, done * WIDTH / total);
            err.printf(
                    "\r[%s%s] %3d%% %,d %s",
                    "#".repeat(filled), " ".repeat(WIDTH - filled), done * 100 / total, done, unit);
        } else {
            err.printf("\r%,d %s", done, unit);
        }
        err.flush();
    }
}
