package io.tollgate.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** BlockHound is really installed: a blocking call on a Reactor thread fails. */
class BlockingGuardTest {

    @Test
    void blockingOnAReactorThreadFails() {
        BlockingGuard.install();
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                        .doOnNext(tick -> {
                            try {
                                Thread.sleep(5);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        })
                        .block())
                .hasMessageContaining("Blocking call");
    }
}
