package io.tollgate.support;

import java.nio.file.Path;
import java.util.UUID;

/** Where the topologies keep their files: {@code target/redis-topologies/<kind>-<unique>/}. */
final class RedisTopologies {

    private RedisTopologies() {}

    static Path newDirectory(String kind) {
        return Path.of("target", "redis-topologies", kind + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
}
