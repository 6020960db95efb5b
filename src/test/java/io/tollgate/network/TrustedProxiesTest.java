package io.tollgate.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which address an {@code X-Forwarded-For} chain names, and what a trusted-proxies entry may be. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = new TrustedProxies(
            List.of(Cidr.of("10.0.0.0/8"), Cidr.of("192.168.1.7"), Cidr.of("fd00::/8")));

    @Test
    void theRightmostEntryOutsideTheTrustedNetworksIsTheClient() {
        assertThat(client("203.0.113.5")).hasValue("203.0.113.5");
        assertThat(client("198.51.100.1, 203.0.113.5, 10.1.2.3")).hasValue("203.0.113.5");
        assertThat(client("198.51.100.1", "203.0.113.5,10.1.2.3", "192.168.1.7")).hasValue("203.0.113.5");
        assertThat(client("2001:db8::1, fd12::3")).hasValue("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void portsAsSomeProxiesWriteThemAreDropped() {
        assertThat(client("203.0.113.5:4711, 10.0.0.1:80")).hasValue("203.0.113.5");
        assertThat(client("[2001:db8::1]:443")).hasValue("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void aChainOfTrustedAddressesNamesItsLeftmost() {
        assertThat(client("10.0.0.9, 10.0.0.1")).hasValue("10.0.0.9");
    }

    @Test
    void noEntryOrAnEntryThatIsNoAddressWhereTheClientShouldBeNamesNobody() {
        assertThat(client()).isEmpty();
        assertThat(client(" , ")).isEmpty();
        assertThat(client("203.0.113.5, attacker.example, 10.0.0.1")).isEmpty();
        assertThat(client("unknown, 203.0.113.5")).as("left of the client nothing counts").hasValue("203.0.113.5");
    }

    @Test
    void blocksMatchByTheirPrefixOnlyAndIpv4MappedAddressesAreIpv4() {
        assertThat(proxies.trusts(Cidr.literal("10.255.0.1"))).isTrue();
        assertThat(proxies.trusts(Cidr.literal("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(Cidr.literal("192.168.1.8"))).isFalse();
        assertThat(proxies.trusts(Cidr.literal("::ffff:10.0.0.1"))).isTrue();
        assertThat(proxies.trusts(Cidr.literal("fdff::1"))).isTrue();
        assertThat(proxies.trusts(Cidr.literal("fe00::1"))).isFalse();
        assertThat(Cidr.of("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.of("0.0.0.0/0").contains(Cidr.literal("203.0.113.5"))).isTrue();
    }

    @Test
    void anythingButAnAddressOrABlockIsRefused() {
        for (String bad : List.of("10.0.0/8", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x", "localhost",
                "example.com/8", "")) {
            assertThatThrownBy(() -> Cidr.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'" + bad + "' is not an IP address or CIDR block (like 10.0.0.0/8 or fd00::/8)");
        }
    }

    private Optional<String> client(String... forwardedFor) {
        return proxies.client(List.of(forwardedFor)).map(address -> address.getHostAddress());
    }
}
