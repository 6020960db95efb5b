package io.tollgate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Keeps every log line of the test run (message and stack trace), so tests can prove that no
 * token, secret or password was ever logged. Spring Boot re-initialises Logback when a context
 * starts, so {@link #attach()} is called before each test and re-adds the appender when needed.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "tollgate-test-capture";
    /** WebTestClient logs a failed assertion's request, secrets and all: the test's line, not Tollgate's. */
    private static final String TEST_CLIENT_LOGGERS = "org.springframework.test.";
    private static final LogCapture INSTANCE = new LogCapture();
    private static final ConcurrentLinkedQueue<String> LINES = new ConcurrentLinkedQueue<>();

    private LogCapture() {
        setName(NAME);
    }

    public static void attach() {
        Logger root = root();
        if (root.getAppender(NAME) == null) {
            INSTANCE.setContext(root.getLoggerContext());
            INSTANCE.start();
            root.addAppender(INSTANCE);
        }
    }

    /** Every captured line that contains one of {@code needles}. */
    public static List<String> linesContainingAny(Iterable<String> needles) {
        return LINES.stream().filter(line -> {
            for (String needle : needles) {
                if (line.contains(needle)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().startsWith(TEST_CLIENT_LOGGERS)) {
            return;
        }
        String line = event.getFormattedMessage();
        if (event.getThrowableProxy() != null) {
            line = line + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
        }
        LINES.add(line);
    }

    private static Logger root() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
