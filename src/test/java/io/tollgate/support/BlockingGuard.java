package io.tollgate.support;

import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for the test JVM: any blocking call on a Reactor non-blocking thread
 * (the event loops that serve and proxy requests) fails the request that made it.
 *
 * <p>Six allowances:
 *
 * <ul>
 *   <li>{@code NativePRNG} reading {@code /dev/urandom}, which the JDK does for token ids, RSA
 *       blinding and ECDSA nonces. BlockHound flags every {@code FileInputStream} read, but the
 *       kernel never blocks a read of {@code /dev/urandom}.
 *   <li>Waiting for the lock around Spring Data Redis's shared connection. Every Redis call takes
 *       it twice ({@code LettuceConnectionFactory.getOrCreateSharedReactiveConnection} and {@code
 *       SharedConnection.getConnection}, a {@code ReentrantLock} since Spring Data Redis 3.2), each
 *       time for as long as reading a field once the connection exists; two event loops calling
 *       Redis at the same moment make one of them park for that long, which BlockHound reports as
 *       a blocking call. Connecting under that lock ({@code getNativeConnection}) stays forbidden:
 *       Tollgate connects off the event loops ({@code RedisStoreMonitor}), and a test must fail if
 *       a request ever did.
 *   <li>Waiting for a Lettuce connection's write lock ({@code SharedLock.incrementWriters}), which
 *       every command takes for as long as writing it to the channel, so threads sending at the
 *       same moment wait for each other an instant. Failing that wait is worse than a failed
 *       request: Lettuce's {@code DefaultEndpoint.write} then releases a write permit it never
 *       took, and every later command on the connection spins forever (a replica's shutdown in
 *       {@code ReplicasTest} hung on it).
 *   <li>Waiting for the lock of a Spring Data Redis script ({@code DefaultRedisScript.getSha1}),
 *       which every run of a Lua script takes to read its SHA-1 (computed once for an inline
 *       script, as all of Tollgate's are); concurrent runs of one script wait for each other that
 *       long. Eight redemptions of one code at once, at two replicas, made one a 503 now and then.
 *   <li>Netty's buffer allocator adding magazines under contention ({@code
 *       AdaptivePoolingAllocator$MagazineGroup.tryExpandMagazines} takes a magazine's {@code
 *       StampedLock} to free it), as its own BlockHound integration already allows for the pooled
 *       allocator's locks. Ten thousand page views, sixteen at a time, in {@code AnonymousFloodTest}
 *       met it.
 *   <li>Waiting for Jackson's lock around building a deserializer ({@code
 *       DeserializerCache._createAndCacheValueDeserializer}), which is taken once per type, the first
 *       time a mapper reads it, and held while the deserializer is built; requests that first read a
 *       type at the same moment wait for each other that long. Twenty-four parallel first requests
 *       to the brand endpoint of a fresh instance made three of them 1099 (LockoutTest met it).
 * </ul>
 */
public final class BlockingGuard {

    private static final String REDIS_CONNECTION_FACTORY =
            "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";
    private static final String SHARED_REDIS_CONNECTION = REDIS_CONNECTION_FACTORY + "$SharedConnection";
    private static final String LETTUCE_WRITE_LOCK = "io.lettuce.core.protocol.SharedLock";
    private static final String REDIS_SCRIPT = "org.springframework.data.redis.core.script.DefaultRedisScript";

    private static boolean installed;

    private BlockingGuard() {}

    public static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder
                    .allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes")
                    .allowBlockingCallsInside(REDIS_CONNECTION_FACTORY, "getOrCreateSharedReactiveConnection")
                    .allowBlockingCallsInside(SHARED_REDIS_CONNECTION, "getConnection")
                    .allowBlockingCallsInside(LETTUCE_WRITE_LOCK, "incrementWriters")
                    .allowBlockingCallsInside(REDIS_SCRIPT, "getSha1")
                    .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                            "tryExpandMagazines")
                    .allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
                            "_createAndCacheValueDeserializer")
                    .disallowBlockingCallsInside(SHARED_REDIS_CONNECTION, "getNativeConnection"));
            installed = true;
        }
    }
}
