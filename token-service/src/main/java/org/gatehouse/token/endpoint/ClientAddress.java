package org.gatehouse.token.endpoint;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.regex.Pattern;

/**
 * The caller's IP for per-IP throttling: the first hop of {@code X-Forwarded-For} when present (the ingress and the
 * local edge set it; in production the ingress must overwrite a client-sent value), else the connection's peer.
 */
final class ClientAddress {

    /** IPv4, IPv6 (optionally bracketed) and a port: anything else is not an address and is ignored. */
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.\\[\\]]{2,64}");

    private ClientAddress() {
    }

    /**
     * Some proxies append the client's source port; counting per port would let a client dodge the per-IP limit.
     * {@code [2001:db8::1]:443} → {@code 2001:db8::1}, {@code 192.0.2.1:5678} → {@code 192.0.2.1}.
     */
    static String withoutPort(String address) {
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            return close < 0 ? address : address.substring(1, close);
        }
        int colon = address.indexOf(':');
        // Exactly one colon: IPv4 with a port. Several: a bare IPv6 address.
        return colon >= 0 && colon == address.lastIndexOf(':') ? address.substring(0, colon) : address;
    }

    static String of(String forwardedFor, HttpServerRequest request) {
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
            if (ADDRESS.matcher(first).matches()) {
                return withoutPort(first);
            }
        }
        SocketAddress peer = request == null ? null : request.remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }
}
