package io.latchkey.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Logging set up in code (found by logback through {@code META-INF/services}): one console appender, framework
 * chatter at WARN. Parsing an XML configuration loads some 400 extra classes and costs start-up time; a
 * {@code -Dlogback.configurationFile=...} given by an operator still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    private static final String CONSOLE = "STDOUT";

    /** How log lines are written: {@code --log-format}. */
    public enum Format {
        TEXT,
        JSON
    }

    /**
     * Switches the console to one JSON object per line (logback's {@link JsonEncoder}), for log shippers: time, level,
     * thread, logger, the formatted message, key-value pairs (the access log's fields), MDC and any exception. Not the
     * message's pattern or its raw arguments: the formatted message already holds them. False when an operator's
     * logback file configures logging instead (then that file decides the format).
     */
    public static boolean useJson() {
        if (System.getProperty("logback.configurationFile") != null) return false;
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) return false;
        if (!(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(CONSOLE)
                instanceof ConsoleAppender<ILoggingEvent> console)) return false;
        JsonEncoder json = new JsonEncoder();
        json.setContext(context);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        console.stop();
        console.setEncoder(json);
        console.start();
        return true;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE);
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        context.addTurboFilter(new QuietStartFailure());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Javalin's own "Failed to start Javalin": {@link StartupFailure} says why, in the one line the operator sees. */
    static final class QuietStartFailure extends TurboFilter {
        @Override
        public FilterReply decide(
                Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
            return "io.javalin.Javalin".equals(logger.getName()) && "Failed to start Javalin".equals(format)
                    ? FilterReply.DENY
                    : FilterReply.NEUTRAL;
        }
    }
}
