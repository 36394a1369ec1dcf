package org.gatehouse.common.servicejwt;

import org.gatehouse.common.bearer.ExpiringTokenCache;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Verifies the JWT a sibling presents to {@code /internal}: ES256 by a trusted key of its {@code iss}, this service as
 * audience, a lifetime of at most 60 s. A caller reuses its token for half its lifetime ({@link ServiceTokenIssuer}),
 * so a verified token is remembered until its {@code exp}: the ES256 check was 63 % of authorization-service's CPU
 * while redeeming codes (bench/observations.md). Only the exact token verified is a hit (digest of every byte).
 */
public final class ServiceTokenVerifier {

    static final int MAX_LIFETIME_SECONDS = 60;

    private final JwtConsumer consumer;
    private final ExpiringTokenCache<String> verifiedCallers =
            new ExpiringTokenCache<>(Duration.ofSeconds(MAX_LIFETIME_SECONDS), 1_000);
    /** Signature verifications done (cache misses that reached a trusted key); read by tests. */
    final LongAdder signatureChecks = new LongAdder();

    public ServiceTokenVerifier(String serviceName, Map<String, PublicKey> trusted) {
        VerificationKeyResolver byIssuer = (JsonWebSignature jws, List<JsonWebStructure> nested) -> {
            try {
                PublicKey key = trusted.get(JwtClaims.parse(jws.getUnverifiedPayload()).getIssuer());
                if (key == null) {
                    throw new UnresolvableKeyException("untrusted issuer");
                }
                signatureChecks.increment();
                return key;
            } catch (MalformedClaimException | InvalidJwtException e) {
                throw new UnresolvableKeyException("unreadable claims", e);
            }
        };
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setMaxFutureValidityInMinutes(1)
                .setAllowedClockSkewInSeconds(10)
                .setExpectedAudience(serviceName)
                .setExpectedIssuers(true, trusted.keySet().toArray(String[]::new))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .setVerificationKeyResolver(byIssuer)
                .build();
    }

    /**
     * @return the calling service's name ({@code iss})
     * @throws Refused with the description the caller is told
     */
    public String callerOf(String token) throws Refused {
        var cached = verifiedCallers.find(token);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            long expiresAt = claims.getExpirationTime().getValue();
            if (expiresAt - claims.getIssuedAt().getValue() > MAX_LIFETIME_SECONDS) {
                throw new Refused("Service tokens may live at most 60 seconds");
            }
            verifiedCallers.remember(token, claims.getIssuer(), Instant.ofEpochSecond(expiresAt));
            return claims.getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new Refused("The service token is invalid", e);
        }
    }

    /** The token is refused; the message is safe to return to the caller, the cause is for debug logs only. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }

        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
