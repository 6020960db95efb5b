package io.tollgate.support;

import io.tollgate.TollgateApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts whole Tollgate applications inside the test JVM, for tests that need more than the shared
 * {@link IntegrationTest} context: two instances talking to each other, or one to stop. Each runs
 * with the operator configuration of {@code config/}, the demo routes pointing at {@link
 * TestUpstream}, and the given {@code --key=value} overrides (command-line arguments, which
 * outrank {@code config/}).
 *
 * <p>Each instance gets Reactor Netty event loops of its own. By default Spring Boot's servers run
 * on Reactor Netty's global loops and dispose of them when their context closes, which would take
 * down the servers of every other application in the JVM, the shared test context among them.
 */
public final class Standalone {

    private Standalone() {}

    public static ConfigurableApplicationContext start(String... overrides) {
        BlockingGuard.install();
        Map<String, String> args = new LinkedHashMap<>();
        for (String arg : List.of(
                "--management.server.port=0",
                "--tollgate.demo.enabled=false",
                "--tollgate.demo.port=" + TestUpstream.port(),
                "--logging.level.io.tollgate=DEBUG")) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        // An option given twice would bind as a list of both values: an override replaces the default.
        for (String arg : overrides) {
            args.put(arg.substring(0, arg.indexOf('=')), arg);
        }
        try {
            return new SpringApplicationBuilder(TollgateApplication.class, OwnEventLoops.class, ShiftedClock.Beans.class)
                    .run(args.values().toArray(String[]::new));
        } finally {
            LogCapture.attach();
        }
    }

    /** An instance with the test run's signing keys and credentials, on a random port. */
    public static ConfigurableApplicationContext startWithTestKeys(String... overrides) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tollgate.issuer.keys.location=file:" + TestKeys.FILE,
                "--tollgate.issuer.keys.active-kid=" + TestKeys.ACTIVE.getKeyID(),
                "--tollgate.credentials.location=file:" + TestCredentials.FILE));
        args.addAll(List.of(overrides));
        return start(args.toArray(String[]::new));
    }

    /** The port an instance serves traffic on. */
    public static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * A client of an instance's traffic port, with the suite's response timeout, held to the
     * document; routes a test configured for this instance are judged as their dialect's
     * documented guarded route ({@link ContractRoutes}).
     */
    public static WebTestClient client(ConfigurableApplicationContext context) {
        return ContractCheck.traffic(WebTestClient.bindToServer(), ContractRoutes.of(context))
                .baseUrl("http://localhost:" + port(context))
                .responseTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The port of an instance's actuator. */
    public static int managementPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnEventLoops {

        @Bean
        ReactorResourceFactory reactorResourceFactory() {
            ReactorResourceFactory factory = new ReactorResourceFactory();
            factory.setUseGlobalResources(false);
            factory.setShutdownQuietPeriod(Duration.ZERO);
            return factory;
        }
    }
}
