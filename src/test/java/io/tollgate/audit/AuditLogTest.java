package io.tollgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

class AuditLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void release() {
        logger.detachAppender(lines);
    }

    @Test
    void anEventIsOneLineWithItsFieldsAsTextAndAsKeyValuePairs() {
        new AuditLog().record(AuditEvent.of("credentials.account.suspended").with("kind", "brand").with("account", "acme"));

        assertThat(lines.list).singleElement().satisfies(line -> {
            assertThat(line.getFormattedMessage()).isEqualTo("credentials.account.suspended kind=brand account=acme");
            assertThat(line.getKeyValuePairs()).extracting(pair -> pair.key + "=" + pair.value)
                    .containsExactly("event.action=credentials.account.suspended", "kind=brand", "account=acme");
        });
    }

    @Test
    void aValueThatIsNotAPlainWordIsQuotedAndCannotForgeAFieldOrALine() {
        new AuditLog().record(AuditEvent.of("lockout.person").with("username", "eve\" admin=yes\nforged line")
                .with("empty", ""));

        ILoggingEvent line = lines.list.get(0);
        assertThat(line.getFormattedMessage())
                .isEqualTo("lockout.person username=\"eve\\\" admin=yes\\u000aforged line\" empty=\"\"");
        assertThat(line.getKeyValuePairs()).extracting((KeyValuePair pair) -> pair.value)
                .contains("eve\" admin=yes\nforged line");
    }
}
