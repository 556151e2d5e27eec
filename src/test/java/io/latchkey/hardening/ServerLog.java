package io.latchkey.hardening;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * What the server logged while the campaign ran: the exception behind each 500. {@code ErrorMapper} logs it under the
 * id the 500's body carries; failures logged elsewhere (Jetty, Javalin) are matched by time.
 */
final class ServerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    /** A logged failure: {@code key} groups the same root cause on many routes, {@code detail} is for reading. */
    record Cause(String key, String detail) {}

    private record Entry(long at, String message, Cause cause) {}

    private final ConcurrentLinkedQueue<Entry> entries = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    ServerLog() {
        setName("malformed-input-campaign");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (!e.getLevel().isGreaterOrEqual(Level.WARN)) return;
        Cause cause = e.getThrowableProxy() != null
                ? describe(e.getThrowableProxy())
                : new Cause(
                        e.getLoggerName().replaceFirst(".*\\.", "") + " logged: "
                                + Text.cut(Findings.blur(e.getFormattedMessage()), 200),
                        e.getLoggerName() + ": " + Text.cut(e.getFormattedMessage(), 400));
        entries.add(new Entry(e.getTimeStamp(), e.getFormattedMessage(), cause));
    }

    /** The cause logged under {@code errorId}, else whatever was logged from {@code since} on; null if nothing. */
    Cause causeOf(String errorId, long since) {
        if (errorId != null) {
            for (Entry e : entries) if (e.message.contains(errorId)) return e.cause;
        }
        for (Entry e : entries) {
            if (e.at >= since) {
                return new Cause(
                        e.cause.key(),
                        "logged while the request ran (not under its id; another test may have logged it): "
                                + e.cause.detail());
            }
        }
        return null;
    }

    /**
     * The exception chain as {@code Class: message} parts, the innermost last, then the first frames of Latchkey's own
     * code (where to look) or, when none, the first frames at all. The key: the innermost exception's class and
     * message (values blurred, the SQL cut to its verb and table) and the deepest Latchkey frame.
     */
    static Cause describe(IThrowableProxy t) {
        StringBuilder sb = new StringBuilder();
        List<String> frames = new ArrayList<>();
        List<String> anyFrames = new ArrayList<>();
        IThrowableProxy innermost = t;
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            innermost = p;
            if (sb.length() > 0) sb.append(" <- ");
            sb.append(p.getClassName())
                    .append(": ")
                    .append(Text.cut(String.valueOf(p.getMessage()).replaceAll("\\s+", " "), 300));
            StackTraceElementProxy[] st = p.getStackTraceElementProxyArray();
            if (st == null) continue;
            for (StackTraceElementProxy f : st) {
                StackTraceElement s = f.getStackTraceElement();
                String frame = s.getClassName().replaceFirst("^io\\.latchkey\\.", "") + "." + s.getMethodName() + ":"
                        + s.getLineNumber();
                if (anyFrames.size() < 3) anyFrames.add(frame);
                if (s.getClassName().startsWith("io.latchkey.") && frames.size() < 4 && !frames.contains(frame))
                    frames.add(frame);
            }
        }
        List<String> where = frames.isEmpty() ? anyFrames : frames;
        sb.append(" @ ").append(String.join(" < ", where));
        String message = String.valueOf(innermost.getMessage()).replaceAll("\\s+", " ");
        String sql = "";
        int at = message.indexOf("; SQL statement:");
        if (at < 0) at = message.indexOf(" Where:");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?i)\\b(insert into|update(?= \\w+ set)|delete from|select .*? from)\\s+(\\w+)")
                .matcher(message);
        if (m.find())
            sql = " [" + m.group(1).replaceAll("(?i)select .*", "select").toLowerCase() + " " + m.group(2) + "]";
        if (at >= 0) message = message.substring(0, at);
        // Column names out of the key (one cause, many columns); they stay in the detail.
        String general = message.replaceAll("\"[a-z_]+ CHARACTER VARYING\\(\\d+\\)\"", "\"<column>\"")
                .replaceAll("(?i)character varying\\(\\d+\\)", "character varying(n)");
        String key = innermost.getClassName().replaceFirst(".*\\.", "") + ": " + Text.cut(Findings.blur(general), 160)
                + sql + " @ " + (where.isEmpty() ? "?" : where.get(0).replaceFirst(":\\d+$", ""));
        return new Cause(key, sb.toString());
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
    }
}
