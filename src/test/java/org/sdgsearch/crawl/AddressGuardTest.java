package org.sdgsearch.crawl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF guard on literal addresses (no DNS, no traffic). */
class AddressGuardTest {

    private static final AddressGuard PUBLIC_ONLY = AddressGuard.of(false, List.of());

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.9.9",
        "192.168.0.1", "169.254.169.254", "169.254.1.1", "fe80::1", "fd00:ec2::254", "fc00::1", "0.0.0.0", "::",
        "100.64.0.1", "224.0.0.1", "255.255.255.255", "::ffff:10.0.0.1", "::ffff:127.0.0.1", "64:ff9b::a9fe:a9fe",
        "::10.0.0.1", "198.18.0.1"})
    void refusesSpecialAddresses(String literal) {
        assertFalse(PUBLIC_ONLY.test(ip(literal)), literal);
        assertTrue(AddressGuard.whyRefused(ip(literal)).isPresent(), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.15.0.1", "172.32.0.1", "192.169.0.1", "100.128.0.1",
        "2606:4700::1111", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String literal) {
        assertTrue(PUBLIC_ONLY.test(ip(literal)), literal);
    }

    @Test
    void namesTheMetadataService() {
        assertEquals("cloud metadata address", AddressGuard.whyRefused(ip("169.254.169.254")).orElseThrow());
    }

    @Test
    void allowedNetworksOpenExactlyTheirRange() {
        AddressGuard g = AddressGuard.of(false, List.of("127.0.0.1/32", "10.1.0.0/16"));
        assertTrue(g.test(ip("127.0.0.1")));
        assertFalse(g.test(ip("127.0.0.2")));
        assertTrue(g.test(ip("10.1.200.3")));
        assertFalse(g.test(ip("10.2.0.1")));
        assertFalse(g.test(ip("::1")));
        assertTrue(AddressGuard.of(true, List.of()).test(ip("169.254.169.254")));
        assertTrue(AddressGuard.ALLOW_ALL.test(ip("127.0.0.1")));
    }

    @Test
    void refusesMalformedNetworks() {
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.of(false, List.of("localhost/8")));
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.of(false, List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> AddressGuard.of(false, List.of("10.0.0.0/x")));
    }

    @Test
    void checksHostsAfterResolution() {
        assertTrue(PUBLIC_ONLY.check("127.0.0.1").orElseThrow().contains("loopback"));
        assertTrue(PUBLIC_ONLY.check("[::1]").orElseThrow().contains("loopback"));
        assertTrue(PUBLIC_ONLY.check("").isPresent());
        assertTrue(PUBLIC_ONLY.check("93.184.216.34").isEmpty());
    }
}
