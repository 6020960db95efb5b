package io.tollgate.audit;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The audit trail: one line per {@link AuditEvent} on the {@code tollgate.audit} logger, at INFO.
 *
 * <p>The fields travel as SLF4J key-value pairs, which Spring Boot's structured logging ({@code
 * logging.structured.format.console=ecs} or {@code logstash}) writes as JSON fields of the line;
 * the message repeats them as {@code key=value} for the plain console format. A value that is not
 * a plain word (a space, a quote, an equals sign, a control character; a presented username can be
 * anything) is written quoted, with quotes, backslashes and control characters escaped, so no
 * value can forge a field or a line of its own.
 */
public final class AuditLog {

    /** The logger every audit line goes to. */
    public static final String LOGGER = "tollgate.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    public void record(AuditEvent event) {
        if (!log.isInfoEnabled()) {
            return;
        }
        StringBuilder message = new StringBuilder(event.action());
        LoggingEventBuilder line = log.atInfo().addKeyValue("event.action", event.action());
        for (Map.Entry<String, String> field : event.fields().entrySet()) {
            message.append(' ').append(field.getKey()).append('=');
            appendValue(message, field.getValue());
            line = line.addKeyValue(field.getKey(), field.getValue());
        }
        line.setMessage(message.toString()).log();
    }

    private static void appendValue(StringBuilder message, String value) {
        if (isPlain(value)) {
            message.append(value);
            return;
        }
        message.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                message.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
                message.append(String.format("\\u%04x", (int) c));
            } else {
                message.append(c);
            }
        }
        message.append('"');
    }

    private static boolean isPlain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c == '"' || c == '=' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}
