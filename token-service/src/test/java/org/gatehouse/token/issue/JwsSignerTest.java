package org.gatehouse.token.issue;

import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;

import java.security.interfaces.ECPrivateKey;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens signed through Bouncy Castle ({@link JwsSigner}, {@link BouncyCastleJca}) are plain JWS: the JDK's own
 * provider verifies them.
 */
class JwsSignerTest {

    private final PublicJsonWebKey jwk = generate();
    private final SigningKeys.ActiveKey key = new SigningKeys.ActiveKey("kid-1", SigningAlgorithm.ES256,
            BouncyCastleJca.privateKey(jwk.getPrivateKey()));

    private static PublicJsonWebKey generate() {
        try {
            return SigningAlgorithm.ES256.generateKey();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://issuer.example");
        claims.setSubject("user-1");
        claims.setClaim("scope", "read write");
        return new JwsSigner().sign(claims, "at+jwt", key);
    }

    /** Verifies with SunEC named explicitly, so the check cannot pass through Bouncy Castle itself. */
    private static JsonWebSignature verifiedByTheJdk(String token, PublicJsonWebKey verificationKey)
            throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        ProviderContext jdk = new ProviderContext();
        jdk.getSuppliedKeyProviderContext().setSignatureProvider("SunEC");
        jws.setProviderContext(jdk);
        jws.setCompactSerialization(token);
        jws.setKey(verificationKey.getPublicKey());
        return jws;
    }

    @Test
    void signWhenEs256ThenJdkVerifiesHeaderAndClaims() throws Exception {
        JsonWebSignature jws = verifiedByTheJdk(sign(), jwk);

        assertTrue(jws.verifySignature());
        assertEquals("ES256", jws.getAlgorithmHeaderValue());
        assertEquals("kid-1", jws.getKeyIdHeaderValue());
        assertEquals("at+jwt", jws.getHeader("typ"));
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertEquals("user-1", claims.getSubject());
        assertEquals("read write", claims.getClaimValueAsString("scope"));
    }

    @Test
    void signWhenEs256ThenSignatureIsRAndSConcatenatedNotDer() {
        String signature = sign().split("\\.")[2];
        // RFC 7518 §3.4: 32-byte R then 32-byte S; a DER SEQUENCE would be 70-72 bytes starting 0x30.
        assertEquals(64, Base64.getUrlDecoder().decode(signature).length);
    }

    @Test
    void signWhenAnotherKeyVerifiesThenSignatureRefused() throws Exception {
        assertFalse(verifiedByTheJdk(sign(), generate()).verifySignature());
    }

    @Test
    void publicJwkWhenVerifyingThroughBouncyCastleThenOwnTokensPassAndOthersFail() throws Exception {
        JsonWebKey published = PublicJsonWebKey.Factory.newPublicJwk(jwk.getPublicKey());
        published.setKeyId("kid-1");
        published.setAlgorithm("ES256");
        JsonWebKey adopted = BouncyCastleJca.publicJwk(published);
        assertEquals("kid-1", adopted.getKeyId());
        assertEquals("ES256", adopted.getAlgorithm());
        assertTrue(adopted.getKey().getClass().getName().startsWith("org.bouncycastle."), adopted.getKey().getClass().getName());
        JwsSigner signer = new JwsSigner();

        JsonWebSignature own = new JsonWebSignature();
        own.setProviderContext(BouncyCastleJca.PROVIDER_CONTEXT);
        own.setCompactSerialization(sign());
        own.setKey(adopted.getKey());
        assertTrue(own.verifySignature());

        SigningKeys.ActiveKey stranger = new SigningKeys.ActiveKey("kid-1", SigningAlgorithm.ES256,
                BouncyCastleJca.privateKey(generate().getPrivateKey()));
        JsonWebSignature forged = new JsonWebSignature();
        forged.setProviderContext(BouncyCastleJca.PROVIDER_CONTEXT);
        forged.setCompactSerialization(signer.sign(new JwtClaims(), "at+jwt", stranger));
        forged.setKey(adopted.getKey());
        assertFalse(forged.verifySignature());
    }

    @Test
    void privateKeyWhenJdkKeyThenBouncyCastlesObjectOfTheSameKey() {
        var adopted = BouncyCastleJca.privateKey(jwk.getPrivateKey());

        assertTrue(adopted.getClass().getName().startsWith("org.bouncycastle."), adopted.getClass().getName());
        // The same secret scalar (the encodings differ: Bouncy Castle's PKCS#8 also carries the public point).
        assertEquals(((ECPrivateKey) jwk.getPrivateKey()).getS(), ((ECPrivateKey) adopted).getS());
    }
}
