package io.tollgate.token;

import com.github.benmanes.caffeine.cache.Interner;
import java.util.List;
import java.util.SortedSet;

/**
 * One instance of each claim value that many tokens carry alike: an issuer id, a client's id, a scope set, an
 * audience list. A million cached tokens of a hundred clients then hold a hundred scope sets, not
 * a million: measured with {@code CacheMemoryHarness}, this halves what a cached token weighs
 * (docs/BENCHMARKS.md). Caffeine's weak interners let a value go once no token holds it.
 */
final class SharedClaims {

    private static final Interner<String> ISSUERS = Interner.newStrongInterner();
    private static final Interner<String> CLIENT_IDS = Interner.newWeakInterner();
    private static final Interner<SortedSet<String>> SCOPES = Interner.newWeakInterner();
    private static final Interner<List<String>> AUDIENCES = Interner.newWeakInterner();

    private SharedClaims() {}

    /** Issuer ids are few and configured, so they are held strongly. */
    static String issuer(String issuer) {
        return ISSUERS.intern(issuer);
    }

    static String clientId(String clientId) {
        return CLIENT_IDS.intern(clientId);
    }

    static SortedSet<String> scopes(SortedSet<String> scopes) {
        return SCOPES.intern(scopes);
    }

    static List<String> audiences(List<String> audiences) {
        return AUDIENCES.intern(audiences);
    }
}
