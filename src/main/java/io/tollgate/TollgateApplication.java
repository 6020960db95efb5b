package io.tollgate;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Tollgate: an edge gateway that issues access tokens and guards every request. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TollgateApplication {

    public static void main(String[] args) {
        SpringApplication.run(TollgateApplication.class, args);
    }

    /** The one clock token lifetimes, cache expiry and revocations are measured by. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
