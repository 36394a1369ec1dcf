package org.gatehouse.common.servicejwt;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.config.GatehouseConfig;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs the short-lived JWT this service presents to a sibling's {@code /internal} API
 * ({@code iss} = this service, {@code aud} = the callee, {@code exp} ≤ 60 s). A token is reused for
 * half its lifetime so an outbound call does not pay for a signature each time.
 */
@ApplicationScoped
public class ServiceTokenIssuer {

    private final String serviceName;
    private final int lifetimeSeconds;
    private final PrivateKey key;
    private final Map<String, CachedToken> byCallee = new ConcurrentHashMap<>();

    public ServiceTokenIssuer(@ConfigProperty(name = "quarkus.application.name") String serviceName,
                              GatehouseConfig config) {
        this.serviceName = serviceName;
        this.lifetimeSeconds = Math.min(60, config.serviceAuth().tokenLifetimeSeconds());
        this.key = config.serviceAuth().privateKey().map(ServiceKeys::privateKey).orElse(null);
    }

    /** The {@code Authorization} header value for a call to {@code callee}. */
    public String authorizationFor(String callee) {
        if (key == null) {
            throw new IllegalStateException("gatehouse.service-auth.private-key is not configured");
        }
        long now = Instant.now().getEpochSecond();
        CachedToken cached = byCallee.get(callee);
        if (cached == null || cached.renewAt <= now) {
            cached = new CachedToken(sign(callee, now), now + lifetimeSeconds / 2);
            byCallee.put(callee, cached);
        }
        return "Bearer " + cached.token;
    }

    private String sign(String callee, long now) {
        return Jwt.issuer(serviceName)
                .subject(serviceName)
                .audience(callee)
                .issuedAt(now)
                .expiresAt(now + lifetimeSeconds)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .algorithm(SignatureAlgorithm.ES256)
                .sign(key);
    }

    private record CachedToken(String token, long renewAt) {
    }
}
