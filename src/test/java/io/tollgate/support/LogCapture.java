package io.tollgate.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.tollgate.audit.AuditLog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Keeps every log line of the test run (message, key-value pairs, MDC and stack trace), so tests
 * can prove that no token, secret or password was ever logged. The key-value pairs and the MDC are
 * part of the line: the plain console format drops them, but structured logging ({@code
 * logging.structured.format.console=ecs}) prints every one. Spring Boot re-initialises Logback
 * when an application starts, which drops the appender: {@link AttachOnceLoggingIsSetUp} (listed
 * in the tests' {@code META-INF/spring.factories}) re-adds it as soon as the new logging is set
 * up, so what an application logs while it starts is captured too; {@link #attach()} covers code
 * that logs outside any application.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    private static final String NAME = "tollgate-test-capture";
    /** WebTestClient logs a failed assertion's request, secrets and all: the test's line, not Tollgate's. */
    private static final String TEST_CLIENT_LOGGERS = "org.springframework.test.";
    private static final LogCapture INSTANCE = new LogCapture();
    private static final ConcurrentLinkedQueue<Line> LINES = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<Map<String, String>> AUDIT = new ConcurrentLinkedQueue<>();

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

    /**
     * Runs once Spring Boot's {@code LoggingApplicationListener} has set up an application's logging
     * (it handles the same event earlier, at a higher precedence), before the application logs its
     * start.
     */
    public static final class AttachOnceLoggingIsSetUp
            implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

        @Override
        public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
            attach();
        }

        @Override
        public int getOrder() {
            return LoggingApplicationListener.DEFAULT_ORDER + 1;
        }
    }

    /**
     * Every captured line that contains one of {@code needles} in its text (message and stack
     * trace) or in its key-value pairs or MDC: its text as the plain format prints it, with the
     * pairs appended when only they hold a needle, so a test of a message's exact words reads the
     * message and a secret in a pair still shows.
     */
    public static List<String> linesContainingAny(Iterable<String> needles) {
        return LINES.stream().map(line -> line.matching(needles)).filter(Objects::nonNull).toList();
    }

    /** The key-value pairs of every line on the {@code tollgate.audit} logger so far, in order. */
    public static List<Map<String, String>> auditEvents() {
        return List.copyOf(AUDIT);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLoggerName().startsWith(TEST_CLIENT_LOGGERS)) {
            return;
        }
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        StringBuilder structured = new StringBuilder();
        Map<String, String> pairs = new LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                pairs.put(pair.key, String.valueOf(pair.value));
                structured.append(' ').append(pair.key).append('=').append(pair.value);
            }
        }
        event.getMDCPropertyMap().forEach((key, value) -> structured.append(' ').append(key).append('=').append(value));
        LINES.add(new Line(text.toString(), structured.toString()));
        if (event.getLoggerName().equals(AuditLog.LOGGER)) {
            AUDIT.add(Collections.unmodifiableMap(pairs));
        }
    }

    /** A captured line: what the plain format prints, and the pairs structured formats add. */
    private record Line(String text, String structured) {

        /** This line as {@link #linesContainingAny} reports it, or {@code null} when no needle is in it. */
        String matching(Iterable<String> needles) {
            boolean inPairs = false;
            for (String needle : needles) {
                if (text.contains(needle)) {
                    return text;
                }
                inPairs |= structured.contains(needle);
            }
            return inPairs ? text + structured : null;
        }
    }

    private static Logger root() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
