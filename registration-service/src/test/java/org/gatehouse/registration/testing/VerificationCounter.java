package org.gatehouse.registration.testing;

import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts quarkus-oidc's verifications per {@code jti}: quarkus-oidc runs every jose4j {@link Validator} bean after a
 * token's signature checked out, so each call here is one full verification. Never refuses anything.
 */
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
