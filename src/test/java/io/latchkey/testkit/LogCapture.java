package io.latchkey.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** What one logger wrote while some requests ran (test classes using it are {@code @Isolated}: the logger is shared). */
public final class LogCapture {
    private LogCapture() {}

    /** The answer of {@code work} and the lines of {@code source}'s logger meanwhile, at {@code level} and above. */
    public record Captured<T>(T answer, List<ILoggingEvent> events) {}

    public static <T> Captured<T> during(Class<?> source, Level level, Supplier<T> work) {
        Logger log = (Logger) LoggerFactory.getLogger(source);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Level before = log.getLevel();
        log.setLevel(level);
        log.addAppender(appender);
        try {
            return new Captured<>(work.get(), new ArrayList<>(appender.list));
        } finally {
            log.detachAppender(appender);
            log.setLevel(before);
        }
    }
}
