package io.tollgate.issuer;

import java.util.function.Function;

/**
 * A value made from the key ring in force, once per ring: the JWKS document's bytes, the pages'
 * MAC keys. A request reads the ring once and gets the value made of that very ring; after a
 * change, the first request makes the new value (two concurrent first requests may both make it,
 * which costs nothing but the work, since the value depends only on the ring).
 *
 * @param <T> the value
 */
public final class PerKeyRing<T> {

    private final SigningKeys keys;
    private final Function<KeyRing, T> make;
    private volatile Made<T> last;

    public PerKeyRing(SigningKeys keys, Function<KeyRing, T> make) {
        this.keys = keys;
        this.make = make;
    }

    /** The value of the ring in force. */
    public T get() {
        KeyRing ring = keys.current();
        Made<T> made = last;
        if (made == null || made.ring() != ring) {
            made = new Made<>(ring, make.apply(ring));
            last = made;
        }
        return made.value();
    }

    private record Made<T>(KeyRing ring, T value) {}
}
