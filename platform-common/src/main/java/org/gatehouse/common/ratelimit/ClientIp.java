package org.gatehouse.common.ratelimit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The caller's IP for per-IP limits: the connection's peer, which Quarkus replaces with the {@code X-Forwarded-For}
 * client only when the peer is a proxy listed in {@code quarkus.http.proxy.trusted-proxies}
 * ({@code proxy-address-forwarding} and {@code allow-x-forwarded} on). A caller that reaches the service directly
 * cannot pick its IP by sending the header; the ingress, the only trusted hop, overwrites it.
 */
public final class ClientIp {

    private ClientIp() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress peer = request == null ? null : request.remoteAddress();
        return peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
    }
}
