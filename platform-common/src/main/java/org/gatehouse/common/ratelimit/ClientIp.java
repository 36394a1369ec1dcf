package org.gatehouse.common.ratelimit;

import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The caller's IP, the one answer every per-IP limit uses. Trust comes from the same setting as Quarkus' handling
 * of {@code X-Forwarded-Proto}/{@code -Host}: {@code quarkus.http.proxy.trusted-proxies}.
 * <ul>
 * <li>A peer that is not a trusted proxy is the client, whatever {@code X-Forwarded-For} it sends.</li>
 * <li>From a trusted peer, {@code X-Forwarded-For} is read from the right: each hop appends the address it saw, so
 * the entries a trusted proxy wrote are on the right and anything the client sent is on the left. Trusted proxies'
 * own addresses are skipped; the first address that is not one of them is the client. (Quarkus itself takes the
 * left-most entry, which a proxy that appends — AWS ALB, Google's load balancers, ingress-nginx with
 * {@code use-forwarded-headers} — leaves to the client: it could pick its own address for every request.)</li>
 * <li>With no {@code trusted-proxies} set, Quarkus trusts whichever peer connects; then only that one hop is trusted
 * (the ingress controller, the only peer the chart's NetworkPolicy admits): the right-most entry is the client.</li>
 * </ul>
 * An entry that is not an IP address ends the walk at the trusted hop that passed it on. Only addresses and CIDRs
 * are read from the setting (a host name would cost a DNS lookup per request, so it never matches here).
 */
public final class ClientIp {

    static final String TRUSTED_PROXIES = "quarkus.http.proxy.trusted-proxies";

    private static volatile TrustedProxies trusted = new TrustedProxies(null);

    private ClientIp() {
    }

    public static String of(HttpServerRequest request) {
        if (request == null) {
            return "unknown";
        }
        // The connection's own peer: Quarkus' forwarding replaces request.remoteAddress() with the left-most entry.
        HttpConnection connection = request.connection();
        SocketAddress peer = connection == null ? request.remoteAddress() : connection.remoteAddress();
        String peerAddress = peer == null ? null : peer.hostAddress();
        if (peerAddress == null) {
            return "unknown";
        }
        TrustedProxies proxies = trustedProxies();
        InetAddress peerIp = parse(peerAddress);
        if (peerIp == null) {
            return peerAddress;
        }
        if (!proxies.trustsPeer(peerIp)) {
            return peerIp.getHostAddress();
        }
        return walk(request.headers().getAll("X-Forwarded-For"), peerIp.getHostAddress(), proxies);
    }

    /**
     * True when the connection's own peer is a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}; any peer
     * when none is set), the one whose {@code X-Forwarded-*} headers may be believed at all.
     */
    public static boolean fromTrustedProxy(HttpServerRequest request) {
        HttpConnection connection = request == null ? null : request.connection();
        SocketAddress peer = connection == null ? null : connection.remoteAddress();
        InetAddress peerIp = peer == null || peer.hostAddress() == null ? null : parse(peer.hostAddress());
        return peerIp != null && trustedProxies().trustsPeer(peerIp);
    }

    /** The first address from the right that is not a trusted proxy's; {@code via} is the peer that passed it on. */
    static String walk(List<String> forwardedFor, String via, TrustedProxies proxies) {
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    hops.add(entry.trim());
                }
            }
        }
        String client = via;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!proxies.trustsHop(hop)) {
                return client;
            }
        }
        return client;
    }

    private static TrustedProxies trustedProxies() {
        Optional<String> raw = ConfigProvider.getConfig().getOptionalValue(TRUSTED_PROXIES, String.class);
        TrustedProxies current = trusted;
        if (!current.matches(raw.orElse(null))) {
            current = new TrustedProxies(raw.orElse(null));
            trusted = current;
        }
        return current;
    }

    /**
     * An address as written in {@code X-Forwarded-For}: a bare IPv4 or IPv6 literal, optionally {@code [v6]},
     * {@code v4:port} or {@code [v6]:port}. Never a DNS lookup.
     */
    static InetAddress parse(String value) {
        String address = value;
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                return null;
            }
            address = address.substring(1, end);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        InetAddress parsed = Inet.parseInetAddress(address);
        if (parsed == null) {
            return null;
        }
        try {
            // Without the scope id Inet gives IPv6 literals, so one address has one spelling (one bucket).
            return InetAddress.getByAddress(parsed.getAddress());
        } catch (UnknownHostException impossible) {
            return null;
        }
    }

    /** {@code quarkus.http.proxy.trusted-proxies} as address ranges; {@code null} means any peer. */
    static final class TrustedProxies {

        private final String raw;
        private final List<CidrAddress> ranges;

        TrustedProxies(String raw) {
            this.raw = raw;
            if (raw == null || raw.isBlank()) {
                this.ranges = null;
                return;
            }
            List<CidrAddress> parsed = new ArrayList<>();
            for (String entry : raw.split(",")) {
                String trimmed = entry.trim();
                int slash = trimmed.indexOf('/');
                InetAddress address = parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
                if (address == null) {
                    continue;
                }
                try {
                    int bits = slash < 0
                            ? address.getAddress().length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
                    parsed.add(CidrAddress.create(address, bits));
                } catch (IllegalArgumentException notCidr) {
                    // Quarkus refuses the same entry at start-up.
                }
            }
            this.ranges = List.copyOf(parsed);
        }

        boolean matches(String value) {
            return raw == null ? value == null : raw.equals(value);
        }

        boolean trustsPeer(InetAddress peer) {
            return ranges == null || inRanges(peer);
        }

        /** An address another hop wrote: with no list only the peer itself was trusted. */
        boolean trustsHop(InetAddress hop) {
            return ranges != null && inRanges(hop);
        }

        private boolean inRanges(InetAddress address) {
            for (CidrAddress range : ranges) {
                if (range.matches(address)) {
                    return true;
                }
            }
            return false;
        }
    }
}
