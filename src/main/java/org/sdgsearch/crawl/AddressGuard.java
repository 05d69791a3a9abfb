package org.sdgsearch.crawl;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import org.sdgsearch.source.Source;
import org.sdgsearch.source.Website;

/**
 * The SSRF guard: which addresses the crawler may connect to. Sources can be added through the admin API, so a URL
 * must not be a way to reach the machine itself, the private network around it or a cloud metadata service.
 * Refused unless allowed: loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
 * fe80::/10, which holds the metadata addresses 169.254.169.254 and fd00:ec2::254 sits in fc00::/7), unspecified,
 * carrier-grade NAT, multicast, reserved and IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64) that fall
 * in those ranges.
 *
 * <p>The check runs on resolved addresses: a host name is refused when any of its addresses is refused, so a name
 * with one public and one private record cannot slip through. The fetcher checks again before every request, which
 * covers every redirect hop and robots.txt; what it cannot cover is a DNS answer that changes between our lookup and
 * the HTTP client's own (DNS rebinding within the resolver cache time), a limit of the JDK HTTP client in Java 17.
 */
public final class AddressGuard implements Predicate<InetAddress> {

    /** Allows every address: the crawler's own default, for tests and benchmarks on loopback. */
    public static final AddressGuard ALLOW_ALL = new AddressGuard(true, List.of());

    private final boolean allowPrivate;
    private final List<Network> allowed;

    private AddressGuard(boolean allowPrivate, List<Network> allowed) {
        this.allowPrivate = allowPrivate;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * The guard as configured.
     *
     * @param allowPrivate    allow every address (the operator crawls an intranet)
     * @param allowedNetworks CIDR blocks allowed although special, e.g. {@code 127.0.0.1/32} for a test fixture
     * @throws IllegalArgumentException naming a malformed CIDR block
     */
    public static AddressGuard of(boolean allowPrivate, List<String> allowedNetworks) {
        List<Network> nets = new ArrayList<>();
        for (String cidr : allowedNetworks) {
            if (!cidr.isBlank()) {
                nets.add(Network.parse(cidr.strip()));
            }
        }
        return new AddressGuard(allowPrivate, nets);
    }

    /** Whether the crawler may connect to this address. */
    @Override
    public boolean test(InetAddress address) {
        return allowPrivate || allowed.stream().anyMatch(n -> n.contains(address)) || whyRefused(address).isEmpty();
    }

    /** Why an address is special (loopback, private, ...), or empty for an ordinary public address. */
    public static Optional<String> whyRefused(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return whyRefused(embedded.get()).map(w -> w + " (IPv4 in IPv6)");
            }
            if (a.isAnyLocalAddress()) {
                return Optional.of("unspecified address");
            }
            if (a.isLoopbackAddress()) {
                return Optional.of("loopback address");
            }
            if (a.isLinkLocalAddress()) {
                return Optional.of("link-local address");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("private address (unique local, includes the fd00:ec2::254 metadata service)");
            }
            if (a.isSiteLocalAddress()) {
                return Optional.of("private address (site-local)");
            }
            if (a.isMulticastAddress()) {
                return Optional.of("multicast address");
            }
            return Optional.empty();
        }
        byte[] b = a.getAddress();
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (o0 == 169 && o1 == 254) {
            return Optional.of(o0 == 169 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254
                    ? "cloud metadata address" : "link-local address");
        }
        if (o0 == 0) {
            return Optional.of("unspecified address");
        }
        if (o0 == 127) {
            return Optional.of("loopback address");
        }
        if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
            return Optional.of("private address");
        }
        if (o0 == 100 && o1 >= 64 && o1 <= 127) {
            return Optional.of("shared address space (carrier-grade NAT)");
        }
        if ((o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) || (o0 == 198 && (o1 == 18 || o1 == 19))) {
            return Optional.of("special-purpose address");
        }
        if (o0 >= 224) {
            return Optional.of(o0 < 240 ? "multicast address" : "reserved address");
        }
        return Optional.empty();
    }

    /**
     * Resolves a host and checks every address.
     *
     * @return why the host may not be crawled, or empty when it may
     */
    public Optional<String> check(String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("no host");
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(h);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve, so its addresses cannot be checked");
        } catch (SecurityException | IllegalArgumentException e) {
            return Optional.of("host " + host + " cannot be resolved: " + e.getMessage());
        }
        for (InetAddress a : addresses) {
            if (!test(a)) {
                return Optional.of("host " + host + " resolves to " + a.getHostAddress() + ", a "
                        + whyRefused(a).orElse("refused address") + " (allow it with sdg.crawl.allowed-networks or "
                        + "sdg.crawl.allow-private-addresses)");
            }
        }
        return Optional.empty();
    }

    /**
     * A problem with a source's start URLs (seeds and sitemaps) under this guard.
     *
     * @param field  the field at fault, e.g. {@code websites[0].seeds}
     * @param detail what is wrong
     */
    public record Problem(String field, String detail) {
    }

    /** Checks every seed and sitemap URL of a source; the first problem found, or empty. */
    public Optional<Problem> check(Source source) {
        for (int i = 0; i < source.websites().size(); i++) {
            Website w = source.websites().get(i);
            for (URI seed : w.seeds()) {
                Optional<String> p = check(seed.getHost());
                if (p.isPresent()) {
                    return Optional.of(new Problem("websites[" + i + "].seeds", seed + ": " + p.get()));
                }
            }
            for (URI sitemap : w.sitemaps()) {
                Optional<String> p = check(sitemap.getHost());
                if (p.isPresent()) {
                    return Optional.of(new Problem("websites[" + i + "].sitemaps", sitemap + ": " + p.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses. */
    private static Optional<InetAddress> embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        boolean mapped = zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** A CIDR block. */
    private record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            int slash = cidr.indexOf('/');
            String addr = slash < 0 ? cidr : cidr.substring(0, slash);
            if (!addr.matches("[0-9a-fA-F:.]+")) {
                // Only literal addresses: a host name here would trigger DNS lookups at configuration time.
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR block such as 127.0.0.1/32");
            }
            byte[] bytes;
            try {
                bytes = InetAddress.getByName(addr).getAddress();
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + cidr + "' is not a CIDR block such as 127.0.0.1/32");
            }
            int bits;
            try {
                bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bytes.length * 8);
            }
            return new Network(bytes, bits);
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != prefix.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((b[i / 8] & mask) != (prefix[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(prefix).getHostAddress().toLowerCase(Locale.ROOT) + "/" + bits;
            } catch (UnknownHostException e) {
                return "?/" + bits;
            }
        }
    }
}
