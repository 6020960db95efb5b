package io.tollgate.support;

import reactor.blockhound.BlockHound;

/**
 * Installs BlockHound once for the test JVM: any blocking call on a Reactor non-blocking thread
 * (the event loops that serve and proxy requests) fails the request that made it.
 *
 * <p>One allowance: {@code NativePRNG} reading {@code /dev/urandom}, which the JDK does for
 * token ids, RSA blinding and ECDSA nonces. BlockHound flags every {@code FileInputStream} read,
 * but the kernel never blocks a read of {@code /dev/urandom}.
 */
public final class BlockingGuard {

    private static boolean installed;

    private BlockingGuard() {}

    public static synchronized void install() {
        if (!installed) {
            BlockHound.install(builder -> builder.allowBlockingCallsInside(
                    "sun.security.provider.NativePRNG$RandomIO", "implNextBytes"));
            installed = true;
        }
    }
}
