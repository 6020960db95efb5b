package io.tollgate;

import io.tollgate.cli.TollgateCli;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Tollgate: an edge gateway that issues access tokens and guards every request. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TollgateApplication {

    /**
     * Starts the server, or, when the first argument names a group of the provisioning CLI ({@code
     * credentials}, {@code keys}, {@code admin}), runs that command without any Spring context and
     * exits with its status.
     */
    public static void main(String[] args) {
        if (TollgateCli.handles(args)) {
            System.setProperty("logback.configurationFile", TollgateCli.LOGGING);
            System.exit(TollgateCli.execute(args));
        }
        SpringApplication.run(TollgateApplication.class, args);
    }

    /** The one clock token lifetimes, cache expiry and revocations are measured by. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
