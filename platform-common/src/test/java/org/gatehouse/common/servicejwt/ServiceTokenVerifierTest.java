package org.gatehouse.common.servicejwt;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServiceTokenVerifierTest {

    private static final KeyPair TOKEN_SERVICE = ecKeyPair();
    private static final KeyPair STRANGER = ecKeyPair();

    private final ServiceTokenVerifier verifier =
            new ServiceTokenVerifier("authorization-service", Map.of("token-service", TOKEN_SERVICE.getPublic()));

    @Test
    void aTokenPresentedAgainIsNotVerifiedAgain() throws Exception {
        String token = sign(TOKEN_SERVICE.getPrivate(), "token-service", "authorization-service", 60);

        for (int call = 0; call < 20; call++) {
            assertEquals("token-service", verifier.callerOf(token));
        }

        assertEquals(1, verifier.signatureChecks.sum());
        String renewed = sign(TOKEN_SERVICE.getPrivate(), "token-service", "authorization-service", 60);
        assertEquals("token-service", verifier.callerOf(renewed));
        assertEquals(2, verifier.signatureChecks.sum(), "another token is verified on its own");
    }

    @Test
    void aForgedSignatureOnAVerifiedTokensClaimsIsRefused() throws Exception {
        String token = sign(TOKEN_SERVICE.getPrivate(), "token-service", "authorization-service", 60);
        verifier.callerOf(token);
        String header = token.substring(0, token.lastIndexOf('.'));
        String forgedSignature = sign(STRANGER.getPrivate(), "token-service", "authorization-service", 60);
        String forged = header + forgedSignature.substring(forgedSignature.lastIndexOf('.'));

        var refused = assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf(forged));

        assertEquals("The service token is invalid", refused.getMessage());
    }

    @Test
    void refusedTokensAreRefusedEveryTime() throws Exception {
        String longLived = sign(TOKEN_SERVICE.getPrivate(), "token-service", "authorization-service", 61);
        String otherAudience = sign(TOKEN_SERVICE.getPrivate(), "token-service", "registration-service", 60);
        String untrusted = sign(STRANGER.getPrivate(), "stranger", "authorization-service", 60);
        String expired = sign(TOKEN_SERVICE.getPrivate(), "token-service", "authorization-service", -70, 30);

        for (int attempt = 0; attempt < 2; attempt++) {
            assertEquals("Service tokens may live at most 60 seconds",
                    assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf(longLived)).getMessage());
            assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf(otherAudience));
            assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf(untrusted));
            assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf(expired));
            assertThrows(ServiceTokenVerifier.Refused.class, () -> verifier.callerOf("not.a.jwt"));
        }
    }

    private static String sign(PrivateKey key, String issuer, String audience, int lifetimeSeconds)
            throws JoseException {
        return sign(key, issuer, audience, 0, lifetimeSeconds);
    }

    private static String sign(PrivateKey key, String issuer, String audience, int issuedAfterSeconds,
                               int lifetimeSeconds) throws JoseException {
        long issuedAt = Instant.now().getEpochSecond() + issuedAfterSeconds;
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(issuer);
        claims.setAudience(audience);
        claims.setClaim("iat", issuedAt);
        claims.setClaim("exp", issuedAt + lifetimeSeconds);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(key);
        return jws.getCompactSerialization();
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
