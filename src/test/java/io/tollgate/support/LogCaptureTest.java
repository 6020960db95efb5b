package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.audit.AuditEvent;
import io.tollgate.audit.AuditLog;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The capture sees what structured logging prints, not only the message: a value that travels as a
 * key-value pair or in the MDC counts as logged. The values are made up here and never {@link
 * Secrets#remember remembered}, so the suite's no-secret checks do not trip on them.
 */
class LogCaptureTest {

    private static final Logger log = LoggerFactory.getLogger(LogCaptureTest.class);

    /** Spring Boot resets Logback as a context starts: what the start logs is captured all the same. */
    @Test
    void theLinesOfAnApplicationsStartAreCaptured() {
        LogCapture.attach();
        List<String> serverStarted = List.of("Netty started on port");
        int before = LogCapture.linesContainingAny(serverStarted).size();

        try (ConfigurableApplicationContext started = Standalone.startWithTestKeys()) {
            assertThat(LogCapture.linesContainingAny(serverStarted))
                    .hasSize(before + 2)
                    .contains("Netty started on port " + Standalone.port(started) + " (http)");
        }
    }

    @Test
    void aValueInAKeyValuePairIsPartOfTheLine() {
        LogCapture.attach();
        String value = "kv-" + UUID.randomUUID();

        log.atInfo().addKeyValue("api_secret", value).log("brand request refused");

        assertThat(LogCapture.linesContainingAny(List.of(value)))
                .containsExactly("brand request refused api_secret=" + value);
    }

    @Test
    void aValueInTheMdcIsPartOfTheLine() {
        LogCapture.attach();
        String value = "mdc-" + UUID.randomUUID();

        try (MDC.MDCCloseable ignored = MDC.putCloseable("password", value)) {
            log.info("sign-in refused");
        }

        assertThat(LogCapture.linesContainingAny(List.of(value))).containsExactly("sign-in refused password=" + value);
    }

    @Test
    void auditLinesAreKeptWithTheirFieldsInOrder() {
        LogCapture.attach();
        String address = "198.51.100." + (int) (Math.random() * 200);
        int before = LogCapture.auditEvents().size();

        new AuditLog().record(AuditEvent.of("lockout.engaged")
                .with("dialect", "brand").with("client_address", address));

        assertThat(LogCapture.auditEvents().subList(before, LogCapture.auditEvents().size()))
                .singleElement()
                .satisfies(event -> assertThat(event.entrySet()).extracting(Object::toString)
                        .containsExactly("event.action=lockout.engaged", "dialect=brand", "client_address=" + address));
    }
}
