package io.tollgate.network;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may say who the client is ({@code tollgate.network.trusted-proxies}), and whom an
 * {@code X-Forwarded-For} chain from such a peer names: walking from the right (each proxy
 * appends the peer it saw), the first entry outside the trusted networks. Entries left of it were
 * written by the client or by proxies nobody vouches for, so they never count.
 */
public final class TrustedProxies {

    private final List<Cidr> networks;

    public TrustedProxies(List<Cidr> networks) {
        this.networks = List.copyOf(networks);
    }

    public boolean trusts(InetAddress peer) {
        for (Cidr network : networks) {
            if (network.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client named by the {@code X-Forwarded-For} values of a request from a trusted peer, in
     * the order they arrived; empty when they name none, or when the entry that would be the
     * client is no IP address (then the peer itself is the best that can be said). A chain of
     * trusted addresses only names its leftmost.
     */
    public Optional<InetAddress> client(List<String> forwardedFor) {
        List<String> entries = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        InetAddress leftmost = null;
        for (int i = entries.size() - 1; i >= 0; i--) {
            InetAddress address = Cidr.literal(withoutPort(entries.get(i)));
            if (address == null) {
                return Optional.empty();
            }
            if (!trusts(address)) {
                return Optional.of(address);
            }
            leftmost = address;
        }
        return Optional.ofNullable(leftmost);
    }

    /** {@code 192.0.2.1:443} and {@code [2001:db8::1]:443}, as some proxies write them, without the port. */
    private static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon > 0 && entry.indexOf(':', colon + 1) < 0 ? entry.substring(0, colon) : entry;
    }
}
