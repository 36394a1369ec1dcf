package org.gatehouse.token.support;

import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.token.issue.AccessTokenVerifier;
import org.gatehouse.token.issue.SigningKeys;
import org.gatehouse.token.issue.VerifiedAccessToken;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real verifier, counting how often each token's signature is verified (tests of the verified-token cache).
 * A singleton: a normal-scoped subclass would need a no-args constructor the superclass does not have.
 */
@Alternative
@Priority(1)
@Unremovable
@Singleton
public class CountingAccessTokenVerifier extends AccessTokenVerifier {

    private final Map<String, AtomicInteger> byToken = new ConcurrentHashMap<>();

    public CountingAccessTokenVerifier(SigningKeys signingKeys, GatehouseConfig gatehouse) {
        super(signingKeys, gatehouse);
    }

    @Override
    public Optional<VerifiedAccessToken> verify(String token) {
        if (token != null) {
            byToken.computeIfAbsent(token, k -> new AtomicInteger()).incrementAndGet();
        }
        return super.verify(token);
    }

    public int verificationsOf(String token) {
        AtomicInteger count = byToken.get(token);
        return count == null ? 0 : count.get();
    }
}
