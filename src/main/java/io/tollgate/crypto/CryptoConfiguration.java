package io.tollgate.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses the JCA provider once, at start, and says which in the log. */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    @Bean
    SignatureCrypto signatureCrypto(CryptoProperties properties) {
        SignatureCrypto crypto = SignatureCrypto.of(properties.provider());
        log.info("Signing and verifying tokens with the {} crypto provider", crypto.name());
        return crypto;
    }
}
