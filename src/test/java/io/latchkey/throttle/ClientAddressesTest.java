package io.latchkey.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Who the client is: peer address, forwarding headers of trusted proxies, literals parsed without DNS. */
class ClientAddressesTest {
    private static final ClientAddresses BEHIND_PROXIES =
            new ClientAddresses(TrustedProxies.parse("127.0.0.1, 10.0.0.0/8, fd00::/8"));

    private static String resolve(ClientAddresses c, String peer, List<String> xff, List<String> forwarded) {
        return c.resolve(peer, xff, forwarded);
    }

    @Test
    void withoutTrustedProxiesTheHeadersAreIgnored() {
        ClientAddresses direct = new ClientAddresses(TrustedProxies.NONE);
        assertThat(resolve(direct, "127.0.0.1", List.of("203.0.113.9"), List.of("for=203.0.113.9")))
                .isEqualTo("127.0.0.1");
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(resolve(BEHIND_PROXIES, "198.51.100.4", List.of("203.0.113.9"), List.of()))
                .isEqualTo("198.51.100.4");
    }

    @Test
    void theRightMostForwardedAddressThatIsNoTrustedProxyIsTheClient() {
        // The client wrote 1.1.1.1 itself; the outer proxy appended the address it saw, the inner one its own.
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("1.1.1.1, 198.51.100.9, 10.1.2.3"), List.of()))
                .isEqualTo("198.51.100.9");
        // Several header lines are one list, in order.
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("1.1.1.1", "198.51.100.9:5555"), List.of()))
                .isEqualTo("198.51.100.9");
        // All hops trusted: the left-most is where the request came from.
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("10.0.0.7, 10.0.0.8"), List.of()))
                .isEqualTo("10.0.0.7");
        // No header: the proxy itself.
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of(), List.of())).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedIsReadWhenThereIsNoXForwardedFor() {
        assertThat(resolve(
                        BEHIND_PROXIES,
                        "127.0.0.1",
                        List.of(),
                        List.of("for=1.1.1.1, for=192.0.2.60;proto=http;by=203.0.113.43, For=\"[fd00::17]:4711\"")))
                .isEqualTo("192.0.2.60");
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("198.51.100.9"), List.of("for=192.0.2.60")))
                .isEqualTo("198.51.100.9");
    }

    @Test
    void anUnreadableHopIsReplacedByTheNearestKnownOneAndNeverLookedUp() {
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("203.0.113.9, localhost, 10.0.0.3"), List.of()))
                .isEqualTo("10.0.0.3");
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of(), List.of("for=unknown")))
                .isEqualTo("127.0.0.1");
        assertThat(IpLiteral.parse("localhost")).isNull();
        assertThat(IpLiteral.parse("example.com")).isNull();
        assertThat(IpLiteral.parse("dead.beef")).isNull();
    }

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64AndMappedIpv4AsIpv4() {
        String a = resolve(BEHIND_PROXIES, "::ffff:127.0.0.1", List.of("2001:db8:1:2::1"), List.of());
        String b =
                resolve(BEHIND_PROXIES, "[::ffff:127.0.0.1]", List.of("2001:db8:1:2:ffff:ffff:ffff:ffff"), List.of());
        String c = resolve(BEHIND_PROXIES, "127.0.0.1", List.of("2001:db8:1:3::1"), List.of());
        assertThat(a).isEqualTo(b).isEqualTo("2001:db8:1:2::/64");
        assertThat(c).isNotEqualTo(a);
        assertThat(resolve(BEHIND_PROXIES, "127.0.0.1", List.of("[::ffff:198.51.100.9]:80"), List.of()))
                .isEqualTo("198.51.100.9");
    }

    @Test
    void literalsAreParsedStrictly() {
        assertThat(IpLiteral.parse("192.0.2.1")).containsExactly(192, 0, 2, 1);
        for (String bad : List.of("1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.x", "", "1..2.3")) {
            assertThat(IpLiteral.parse(bad)).as(bad).isNull();
        }
        assertThat(IpLiteral.parse("::")).hasSize(16).containsOnly(0);
        assertThat(IpLiteral.parse("::1")[15]).isEqualTo((byte) 1);
        assertThat(IpLiteral.parse("2001:DB8::8:800:200C:417A"))
                .isEqualTo(IpLiteral.parse("2001:db8:0:0:8:800:200c:417a"));
        assertThat(IpLiteral.parse("fe80::1%eth0")).isEqualTo(IpLiteral.parse("fe80::1"));
        assertThat(IpLiteral.parse("64:ff9b::192.0.2.33")).isEqualTo(IpLiteral.parse("64:ff9b::c000:221"));
        for (String bad : List.of(
                ":::",
                "1::2::3",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "g::1",
                "12345::",
                ":1",
                "1:",
                "::1.2.3",
                "::ffff:1.2.3.256")) {
            assertThat(IpLiteral.parse(bad)).as(bad).isNull();
        }
    }

    @Test
    void trustedProxiesAreAddressesAndCidrs() {
        TrustedProxies p = TrustedProxies.parse(" 10.0.0.0/8 ,192.0.2.1, 2001:db8::/32, ::ffff:172.16.0.0/108");
        assertThat(p.contains(IpLiteral.parse("10.255.1.2"))).isTrue();
        assertThat(p.contains(IpLiteral.parse("11.0.0.1"))).isFalse();
        assertThat(p.contains(IpLiteral.parse("192.0.2.1"))).isTrue();
        assertThat(p.contains(IpLiteral.parse("192.0.2.2"))).isFalse();
        assertThat(p.contains(IpLiteral.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(p.contains(IpLiteral.parse("2001:db9::1"))).isFalse();
        assertThat(p.contains(IpLiteral.parse("172.16.5.5"))).isTrue();
        assertThat(p.contains(IpLiteral.parse("172.32.0.1"))).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").contains(IpLiteral.parse("8.8.8.8")))
                .isTrue();
        assertThat(TrustedProxies.parse("").isEmpty()).isTrue();
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "10.0.0.0/x", "::/129", "10.0.0.0/-1")) {
            assertThatThrownBy(() -> TrustedProxies.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
