package org.gatehouse.bench.jmh;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.OkpJwkGenerator;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Security;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Sign and verify throughput of one access token (RFC 9068 claims of the size token-service issues) per JWS
 * algorithm Gatehouse can sign with: the physical ceiling the HTTP figures of bench/run.sh are compared to.
 * Keys are made once per trial; verification re-parses the compact serialisation each time, as a resource
 * server does for a token it has not cached.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JwsBenchmark {

    @Param({"ES256", "RS256", "EdDSA"})
    public String algorithm;

    /** JCA provider of the signature: the JDK's (SunEC, SunRsaSign) or Bouncy Castle's. */
    @Param({"JDK", "BC"})
    public String provider;

    private PublicJsonWebKey key;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private ProviderContext providerContext;
    private String payload;
    private String token;

    @Setup
    public void setUp() throws JoseException, GeneralSecurityException {
        key = switch (algorithm) {
            case "ES256" -> EcJwkGenerator.generateJwk(EllipticCurves.P256);
            case "RS256" -> RsaJwkGenerator.generateJwk(2048);
            case "EdDSA" -> OkpJwkGenerator.generateJwk(OctetKeyPairJsonWebKey.SUBTYPE_ED25519);
            default -> throw new IllegalArgumentException(algorithm);
        };
        key.setKeyId("bench-" + algorithm);
        privateKey = key.getPrivateKey();
        publicKey = key.getPublicKey();
        providerContext = new ProviderContext();
        if ("BC".equals(provider)) {
            // Keys re-made as Bouncy Castle's own once, as a service would at key load, not per signature.
            Security.addProvider(new BouncyCastleProvider());
            KeyFactory keys = KeyFactory.getInstance(privateKey.getAlgorithm(), BouncyCastleProvider.PROVIDER_NAME);
            privateKey = keys.generatePrivate(new PKCS8EncodedKeySpec(privateKey.getEncoded()));
            publicKey = keys.generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
            providerContext.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        }
        long now = System.currentTimeMillis() / 1000;
        payload = "{\"iss\":\"http://localhost:8080\",\"sub\":\"" + UUID.randomUUID()
                + "\",\"aud\":\"http://localhost:8080\",\"client_id\":\"gatehouse\","
                + "\"scope\":\"openid profile email read:accounts read:nodes write:nodes delete:nodes\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        token = sign();
    }

    @Benchmark
    public String sign() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(jwsAlgorithm());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader(HeaderParameterNames.TYPE, "at+jwt");
        jws.setPayload(payload);
        jws.setProviderContext(providerContext);
        jws.setKey(privateKey);
        return jws.getCompactSerialization();
    }

    @Benchmark
    public boolean verify() throws JoseException {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setProviderContext(providerContext);
        jws.setKey(publicKey);
        if (!jws.verifySignature()) {
            throw new IllegalStateException("signature did not verify");
        }
        return true;
    }

    private String jwsAlgorithm() {
        return switch (algorithm) {
            case "ES256" -> AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256;
            case "RS256" -> AlgorithmIdentifiers.RSA_USING_SHA256;
            default -> AlgorithmIdentifiers.EDDSA;
        };
    }
}
