package org.gatehouse.token.support;

import io.restassured.specification.RequestSpecification;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * RFC 7523 client assertions as a client would build them, valid unless told otherwise:
 * {@code TestAssertions.forClient(id).expiresIn(Duration.ofMinutes(10)).sign("ES256", key)}.
 */
public final class TestAssertions {

    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** The token endpoint URL under the test issuer: what a client puts in aud. */
    public static final String TOKEN_ENDPOINT = AccessTokens.ISSUER + "/oauth/token";

    private String issuer;
    private String subject;
    private List<String> audience = List.of(TOKEN_ENDPOINT);
    private Instant expiry = Instant.now().plusSeconds(60);
    private boolean withExpiry = true;
    private String jti = UUID.randomUUID().toString();
    private String kid;
    private boolean kidSet;

    private TestAssertions(String clientId) {
        this.issuer = clientId;
        this.subject = clientId;
    }

    public static TestAssertions forClient(String clientId) {
        return new TestAssertions(clientId);
    }

    public TestAssertions issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestAssertions subject(String subject) {
        this.subject = subject;
        return this;
    }

    public TestAssertions audience(String... audience) {
        this.audience = List.of(audience);
        return this;
    }

    /** Negative for an assertion that has already expired. */
    public TestAssertions expiresIn(Duration lifetime) {
        this.expiry = Instant.now().plus(lifetime);
        return this;
    }

    public TestAssertions withoutExpiry() {
        this.withExpiry = false;
        return this;
    }

    /** null leaves the jti out. */
    public TestAssertions jti(String jti) {
        this.jti = jti;
        return this;
    }

    /** Overrides the kid of the signing JWK; null leaves the header without one. */
    public TestAssertions kid(String kid) {
        this.kid = kid;
        this.kidSet = true;
        return this;
    }

    /** client_secret_jwt: MACed with the secret's UTF-8 bytes. */
    public String mac(String algorithm, String secret) {
        return mac(algorithm, secret.getBytes(StandardCharsets.UTF_8));
    }

    public String mac(String algorithm, byte[] key) {
        return sign(algorithm, new HmacKey(key), null);
    }

    /** private_key_jwt: signed with the JWK's private key; its kid goes into the header unless overridden. */
    public String sign(String algorithm, PublicJsonWebKey jwk) {
        return sign(algorithm, jwk.getPrivateKey(), jwk.getKeyId());
    }

    /** {@code alg: none}, no signature. */
    public String unsigned() {
        return sign("none", null, null);
    }

    private String sign(String algorithm, Key key, String defaultKid) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setAudience(audience);
        if (withExpiry) {
            claims.setExpirationTime(NumericDate.fromSeconds(expiry.getEpochSecond()));
        }
        claims.setIssuedAtToNow();
        if (jti != null) {
            claims.setJwtId(jti);
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        String headerKid = kidSet ? kid : defaultKid;
        if (headerKid != null) {
            jws.setKeyIdHeaderValue(headerKid);
        }
        jws.setKey(key);
        // Some negative cases use keys a careful signer would refuse (short HMAC keys, public key bytes).
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A form request carrying the assertion (RFC 7523 §2.2). */
    public static RequestSpecification withAssertion(String assertion) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("client_assertion_type", JWT_BEARER)
                .formParam("client_assertion", assertion);
    }
}
