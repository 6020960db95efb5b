package io.tollgate.token;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * How the keys of a trusted issuer changed: the {@code kid}s added and removed.
 *
 * @param added keys that verify from now on
 * @param removed keys that verify no more: the tokens they signed are refused from now on
 */
public record KeySetChange(Set<String> added, Set<String> removed) {

    public KeySetChange {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
    }

    public static KeySetChange between(Set<String> before, Set<String> after) {
        Set<String> added = new LinkedHashSet<>(after);
        added.removeAll(before);
        Set<String> removed = new LinkedHashSet<>(before);
        removed.removeAll(after);
        return new KeySetChange(added, removed);
    }
}
