package io.tollgate.gateway;

import java.util.EnumMap;
import java.util.Map;

/** One instance of each error dialect, looked up by a route's {@code dialect}. */
final class ErrorDialects {

    private final Map<Dialect, ErrorDialect> dialects = new EnumMap<>(Dialect.class);

    ErrorDialects() {
        dialects.put(Dialect.GENUIN, GenuinDialect.downstream());
        dialects.put(Dialect.BEARER, new BearerDialect());
        dialects.put(Dialect.BRAND, GenuinDialect.brandEndpoint());
        dialects.put(Dialect.CHANNEL, new ChannelDialect());
    }

    ErrorDialect of(Dialect dialect) {
        return dialects.get(dialect);
    }
}
