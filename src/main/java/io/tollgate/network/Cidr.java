package io.tollgate.network;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IP addresses, {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of
 * one. Only literals are read, never a host name, so nothing here waits on DNS. Spring binds
 * configuration text to it through {@link #of(String)}.
 *
 * @param network the block's first address, its host bits cleared
 * @param prefixLength how many leading bits every address of the block shares with it
 */
public record Cidr(InetAddress network, int prefixLength) {

    /** Reads {@code address/prefix-length} or a bare address; refuses anything else, naming it. */
    public static Cidr of(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = literal(slash < 0 ? trimmed : trimmed.substring(0, slash));
        int bits = address == null ? 0 : address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : prefixLength(trimmed.substring(slash + 1));
        if (address == null || prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block (like 10.0.0.0/8 or fd00::/8)");
        }
        return new Cidr(masked(address, prefix), prefix);
    }

    /** An IP literal, IPv4-mapped IPv6 read as IPv4; {@code null} for anything else, host names included. */
    static InetAddress literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.getAddress().length && Arrays.equals(
                masked(address, prefixLength).getAddress(), network.getAddress());
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static int prefixLength(String digits) {
        return digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)
                ? -1
                : Integer.parseInt(digits);
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
