package org.gatehouse.testing;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts quarkus-oidc's verifications per {@code jti}: quarkus-oidc runs every jose4j {@link Validator} bean after a
 * token's signature checked out, so each call here is one full verification. Never refuses anything. Tests of a
 * resource server's cache of verified bearer tokens inject it.
 * <p>
 * It needs only jose4j, not quarkus-oidc, to compile, and is a bean only in a service built with quarkus-oidc (the
 * build-time {@code quarkus.oidc.enabled} exists only there, as for platform-common's
 * {@code CachedBearerIdentityProvider}): token-service's tests neither get quarkus-oidc nor this bean.
 */
@IfBuildProperty(name = "quarkus.oidc.enabled", stringValue = "true")
@Unremovable
@ApplicationScoped
public class VerificationCounter implements Validator {

    private final Map<String, AtomicInteger> byJti = new ConcurrentHashMap<>();

    @Override
    public String validate(JwtContext context) throws MalformedClaimException {
        String jti = context.getJwtClaims().getJwtId();
        if (jti != null) {
            byJti.computeIfAbsent(jti, k -> new AtomicInteger()).incrementAndGet();
        }
        return null;
    }

    public int verificationsOf(String jti) {
        AtomicInteger count = byJti.get(jti);
        return count == null ? 0 : count.get();
    }
}
