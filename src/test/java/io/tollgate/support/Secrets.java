package io.tollgate.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every token, secret and password the tests handled: none of them may appear in a log line. */
public final class Secrets {

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private Secrets() {}

    /** Remembers a sensitive value and returns it. */
    public static String remember(String value) {
        SEEN.add(value);
        return value;
    }

    public static Set<String> seen() {
        return Set.copyOf(SEEN);
    }
}
