package dev.streamflow.sample.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Collects Streamflow's log lines while a test runs (a logback ListAppender on the root logger). */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture() {
        appender.start();
        root().addAppender(appender);
    }

    /** Streamflow's lines at {@code atLeast} or above that mention {@code text}. */
    public List<String> lines(Level atLeast, String text) {
        return appender.list.stream()
                .filter(e -> e.getLoggerName().startsWith("dev.streamflow"))
                .filter(e -> e.getLevel().isGreaterOrEqual(atLeast))
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .filter(line -> line.contains(text))
                .toList();
    }

    @Override
    public void close() {
        root().detachAppender(appender);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
