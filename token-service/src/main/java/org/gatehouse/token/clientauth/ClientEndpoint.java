package org.gatehouse.token.clientauth;

import java.util.List;

/**
 * The endpoints at which a client authenticates, with their paths under the issuer. A client assertion names the one it
 * is meant for in {@code aud} (or the issuer), and is accepted only there: an assertion made for introspection or
 * revocation cannot be replayed at the token endpoint, nor the other way round (the audience confusion of
 * CVE-2025-27370 / CVE-2025-27371). The token endpoint's aliases are one endpoint.
 */
public enum ClientEndpoint {

    TOKEN("/oauth/token", "/api/token", "/api/token.php"),
    REVOCATION("/oauth/revoke"),
    INTROSPECTION("/oauth/introspect");

    private final List<String> paths;

    ClientEndpoint(String... paths) {
        this.paths = List.of(paths);
    }

    /** Paths under the issuer, the first being the one discovery publishes. */
    public List<String> paths() {
        return paths;
    }
}
