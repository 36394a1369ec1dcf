package org.gatehouse.token.clientauth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.config.GatehouseConfig;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.config.TokenConfig;
import org.gatehouse.token.remote.ClientJwksGateway;
import org.gatehouse.token.remote.RegisteredClient;
import org.gatehouse.token.remote.RegistrationGateway;
import org.jboss.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Client authentication with a JWT assertion: RFC 7523 §2.2 and §3
 * (https://www.rfc-editor.org/rfc/rfc7523#section-3), as profiled by OpenID Connect Core §9 for
 * {@code client_secret_jwt} (HMAC with the client secret) and {@code private_key_jwt} (signed with a key the client
 * registered as {@code jwks} or publishes at {@code jwks_uri}).
 *
 * <p>Checks, in order: the assertion type; a compact JWS (never a JWE, never {@code alg: none}); its algorithm names
 * the method ({@code HS*} is {@code client_secret_jwt}, asymmetric is {@code private_key_jwt}, so a public key can
 * never be taken for an HMAC secret); {@code iss} = {@code sub} = the client id, and = {@code client_id} when sent;
 * the client is registered for that method; the signature with the client's key (an unknown {@code kid} refetches a
 * {@code jwks_uri} once); {@code aud} names this authorization server's issuer or the URL of the endpoint the assertion
 * is presented to (never another endpoint's: see {@link ClientEndpoint}); {@code exp} present, not past and at most {@code token.assertion-max-lifetime} ahead;
 * {@code nbf}/{@code iat} not in the future; {@code jti} present and never seen before for this client (§3 item 7).
 *
 * <p>Until the signature has verified, every failure reads the same ("Client authentication failed"), so an
 * unauthenticated caller learns nothing about which clients exist or how they are registered; afterwards the
 * description says what is wrong, to help the client's developer.
 */
@ApplicationScoped
public class ClientAssertionVerifier {

    /** client_assertion_type (REQUIRED) must be exactly this (RFC 7523 §2.2). */
    public static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    /** A signed assertion is a few hundred bytes; a bound keeps hostile input cheap. */
    static final int MAX_ASSERTION_LENGTH = 16_384;
    static final int MAX_JTI_LENGTH = 255;
    /**
     * RFC 7518 §3.2: "A key of the same size as the hash output (for instance, 256 bits for HS256) or larger MUST be
     * used": 32, 48 and 64 bytes of secret for HS256, HS384 and HS512.
     */
    static final Map<String, Integer> MIN_HMAC_SECRET_BYTES = Map.of("HS256", 32, "HS384", 48, "HS512", 64);

    private static final Logger LOG = Logger.getLogger(ClientAssertionVerifier.class);

    private final RegistrationGateway registrations;
    private final ClientJwksGateway clientJwks;
    private final AssertionReplayGuard replayGuard;
    private final Map<ClientEndpoint, Set<String>> audiences;
    private final Duration maxLifetime;
    private final Duration clockSkew;
    private final Clock clock;

    @Inject
    public ClientAssertionVerifier(RegistrationGateway registrations, ClientJwksGateway clientJwks,
                                   AssertionReplayGuard replayGuard, GatehouseConfig gatehouse, TokenConfig config) {
        this(registrations, clientJwks, replayGuard, audiences(gatehouse.publicUrl()), config.assertionMaxLifetime(),
                config.assertionClockSkew(), Clock.systemUTC());
    }

    ClientAssertionVerifier(RegistrationGateway registrations, ClientJwksGateway clientJwks,
                            AssertionReplayGuard replayGuard, Map<ClientEndpoint, Set<String>> audiences,
                            Duration maxLifetime, Duration clockSkew, Clock clock) {
        this.registrations = registrations;
        this.clientJwks = clientJwks;
        this.replayGuard = replayGuard;
        this.audiences = Map.copyOf(audiences);
        this.maxLifetime = maxLifetime;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /**
     * The values {@code aud} may contain at each endpoint (RFC 7523 §3 item 3: the authorization server "as an
     * intended audience"; the token endpoint URL MAY be used): the issuer, or the URL of that endpoint (any alias of
     * it), since some libraries address the endpoint they are calling. Never the URL of another endpoint.
     */
    static Map<ClientEndpoint, Set<String>> audiences(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        Map<ClientEndpoint, Set<String>> audiences = new EnumMap<>(ClientEndpoint.class);
        for (ClientEndpoint endpoint : ClientEndpoint.values()) {
            Set<String> accepted = new HashSet<>();
            accepted.add(issuer);
            endpoint.paths().forEach(path -> accepted.add(base + path));
            audiences.put(endpoint, Set.copyOf(accepted));
        }
        return audiences;
    }

    /**
     * @param assertionType     client_assertion_type (REQUIRED)
     * @param assertion         client_assertion (REQUIRED): the JWT
     * @param clientIdParameter client_id (OPTIONAL with an assertion; must then name the assertion's client)
     * @param endpoint          where the assertion is presented: its URL (or the issuer) must be in {@code aud}
     */
    public AuthenticatedClient verify(String assertionType, String assertion, String clientIdParameter,
                                      ClientEndpoint endpoint) {
        if (!JWT_BEARER.equals(assertionType)) {
            throw OAuthException.invalidClient("client_assertion_type must be " + JWT_BEARER);
        }
        JsonWebSignature jws = parse(assertion);
        String algorithm = jws.getAlgorithmHeaderValue();
        ClientAuthenticationMethod method = algorithm == null ? null
                : ClientAuthenticationMethod.forAssertionAlgorithm(algorithm);
        if (method == null) {
            throw OAuthException.invalidClient("The client assertion's signing algorithm is not supported");
        }
        JwtClaims claims = claims(jws);
        String clientId = issuerAsSubject(claims);
        if (clientIdParameter != null && !clientIdParameter.equals(clientId)) {
            throw OAuthException.invalidClient("client_id does not match the client assertion's issuer");
        }
        RegisteredClient client = (ClientAuthenticator.plausible(clientId, "")
                ? registrations.findClient(clientId) : Optional.<RegisteredClient>empty())
                .orElseThrow(() -> failed("unknown client"));
        // A client registered for one method cannot use another (the algorithm chose the method above).
        if (!client.tokenEndpointAuthMethods().contains(method.value())) {
            throw failed(clientId + " is not registered for " + method.value());
        }
        verifySignature(jws, method, client);
        Instant expiry = checkTimes(claims);
        checkAudience(claims, endpoint);
        String jti = jti(claims);
        // Last, so that only a fully valid assertion uses up its jti.
        replayGuard.consume(clientId, jti, expiry.plus(clockSkew));
        return AuthenticatedClient.of(client, method);
    }

    private static JsonWebSignature parse(String assertion) {
        if (assertion == null || assertion.length() > MAX_ASSERTION_LENGTH
                || assertion.chars().filter(c -> c == '.').count() != 2) {
            // Also refuses a JWE (five parts): an encrypted assertion is not supported.
            throw OAuthException.invalidClient("client_assertion must be a signed JWT");
        }
        try {
            JsonWebStructure structure = JsonWebStructure.fromCompactSerialization(assertion);
            if (structure instanceof JsonWebSignature jws) {
                return jws;
            }
        } catch (JoseException e) {
            LOG.debugf("Unparsable client assertion: %s", e.getMessage());
        }
        throw OAuthException.invalidClient("client_assertion must be a signed JWT");
    }

    private static JwtClaims claims(JsonWebSignature jws) {
        try {
            return JwtClaims.parse(jws.getUnverifiedPayload());
        } catch (InvalidJwtException | RuntimeException e) {
            throw OAuthException.invalidClient("The client assertion's claims are not a JSON object");
        }
    }

    /** RFC 7523 §3 items 1 and 2 for client authentication: iss and sub are both the client id. */
    private static String issuerAsSubject(JwtClaims claims) {
        try {
            String issuer = claims.getIssuer();
            if (issuer == null || issuer.isEmpty() || !issuer.equals(claims.getSubject())) {
                throw OAuthException.invalidClient("The client assertion's iss and sub must both be the client id");
            }
            return issuer;
        } catch (MalformedClaimException e) {
            throw OAuthException.invalidClient("The client assertion's iss and sub must both be the client id");
        }
    }

    private void verifySignature(JsonWebSignature jws, ClientAuthenticationMethod method, RegisteredClient client) {
        jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                method.assertionAlgorithms().toArray(String[]::new)));
        try {
            Key key;
            if (method == ClientAuthenticationMethod.CLIENT_SECRET_JWT) {
                key = hmacKey(client, jws.getAlgorithmHeaderValue());
                // The secret's length is enforced above, per algorithm (see MIN_HMAC_SECRET_BYTES).
                jws.setDoKeyValidation(false);
            } else {
                key = publicKey(jws, client);
            }
            jws.setKey(key);
            if (!jws.verifySignature()) {
                throw failed("bad signature for " + client.clientId());
            }
        } catch (JoseException e) {
            throw failed("signature not verifiable for " + client.clientId() + ": " + e.getMessage());
        }
    }

    /**
     * The HMAC key of client_secret_jwt is the client secret's UTF-8 bytes (OIDC Core §9), at least as long as the
     * algorithm's hash: a 256-bit secret serves HS256 only.
     */
    private static Key hmacKey(RegisteredClient client, String algorithm) {
        if (client.jwtSecret() == null) {
            LOG.warnf("client_secret_jwt client %s has no jwt_secret in its registration", client.clientId());
            throw failed("no jwt_secret for " + client.clientId());
        }
        byte[] secret = client.jwtSecret().getBytes(StandardCharsets.UTF_8);
        Integer minimum = MIN_HMAC_SECRET_BYTES.get(algorithm);
        if (minimum == null || secret.length < minimum) {
            LOG.infof("client_secret_jwt client %s: its secret of %d bytes is too short for %s", client.clientId(),
                    secret.length, algorithm);
            throw failed("jwt_secret too short for " + algorithm + " for " + client.clientId());
        }
        return new HmacKey(secret);
    }

    /**
     * The registered key that fits the assertion's header ({@code kid}, key type of {@code alg}, {@code use}); with
     * a {@code jwks_uri}, a miss refetches the set once in case the client rotated its key.
     */
    private Key publicKey(JsonWebSignature jws, RegisteredClient client) throws JoseException {
        if (client.jwks() != null) {
            JsonWebKey key = select(jws, registeredSet(client));
            if (key == null) {
                throw failed("no registered key fits the assertion of " + client.clientId());
            }
            return key.getKey();
        }
        if (client.jwksUri() == null) {
            LOG.warnf("private_key_jwt client %s has neither jwks nor jwks_uri", client.clientId());
            throw failed("no keys for " + client.clientId());
        }
        JsonWebKey key = select(jws, clientJwks.keys(client.jwksUri())
                .orElseThrow(() -> failed("JWK Set of " + client.clientId() + " unavailable")));
        if (key == null) {
            Optional<JsonWebKeySet> refreshed = clientJwks.refreshedKeys(client.jwksUri());
            key = refreshed.isPresent() ? select(jws, refreshed.get()) : null;
        }
        if (key == null) {
            throw failed("no published key fits the assertion of " + client.clientId());
        }
        return key.getKey();
    }

    private static JsonWebKeySet registeredSet(RegisteredClient client) {
        try {
            // An object per the contract; a JSON string holding the set is read too.
            return new JsonWebKeySet(client.jwks().isTextual() ? client.jwks().asText() : client.jwks().toString());
        } catch (JoseException e) {
            LOG.warnf("Client %s registered an unreadable JWK Set: %s", client.clientId(), e.getMessage());
            throw failed("unreadable jwks of " + client.clientId());
        }
    }

    /** Null when no key fits; several candidates without a kid are told apart by trying them. */
    private static JsonWebKey select(JsonWebSignature jws, JsonWebKeySet set) throws JoseException {
        List<JsonWebKey> keys = set.getJsonWebKeys();
        return new VerificationJwkSelector().selectWithVerifySignatureDisambiguate(jws, keys);
    }

    /** RFC 7523 §3 items 4 and 5; the returned expiry is how long the jti must be remembered. */
    private Instant checkTimes(JwtClaims claims) {
        Instant now = clock.instant();
        try {
            NumericDate exp = claims.getExpirationTime();
            if (exp == null) {
                throw OAuthException.invalidClient("The client assertion must have an exp claim");
            }
            Instant expiry = Instant.ofEpochSecond(exp.getValue());
            if (!expiry.plus(clockSkew).isAfter(now)) {
                throw OAuthException.invalidClient("The client assertion has expired");
            }
            if (expiry.isAfter(now.plus(maxLifetime).plus(clockSkew))) {
                throw OAuthException.invalidClient("The client assertion's exp may be at most "
                        + maxLifetime.toSeconds() + " seconds ahead");
            }
            NumericDate nbf = claims.getNotBefore();
            if (nbf != null && Instant.ofEpochSecond(nbf.getValue()).isAfter(now.plus(clockSkew))) {
                throw OAuthException.invalidClient("The client assertion is not valid yet (nbf)");
            }
            NumericDate iat = claims.getIssuedAt();
            if (iat != null && Instant.ofEpochSecond(iat.getValue()).isAfter(now.plus(clockSkew))) {
                throw OAuthException.invalidClient("The client assertion was issued in the future (iat)");
            }
            return expiry;
        } catch (MalformedClaimException e) {
            throw OAuthException.invalidClient("The client assertion's exp, nbf or iat is not a number");
        }
    }

    /** RFC 7523 §3 item 3. */
    private void checkAudience(JwtClaims claims, ClientEndpoint endpoint) {
        try {
            List<String> audience = claims.getAudience();
            Set<String> accepted = audiences.get(endpoint);
            if (audience == null || audience.stream().noneMatch(accepted::contains)) {
                throw OAuthException.invalidClient("The client assertion's aud must name this authorization server's "
                        + "issuer or the endpoint it is sent to (" + endpoint.paths().get(0) + ")");
            }
        } catch (MalformedClaimException e) {
            throw OAuthException.invalidClient("The client assertion's aud must be a string or an array of strings");
        }
    }

    /** RFC 7523 §3 item 7. */
    private static String jti(JwtClaims claims) {
        try {
            String jti = claims.getJwtId();
            if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_LENGTH) {
                throw OAuthException.invalidClient("The client assertion must have a jti of at most "
                        + MAX_JTI_LENGTH + " characters");
            }
            return jti;
        } catch (MalformedClaimException e) {
            throw OAuthException.invalidClient("The client assertion's jti must be a string");
        }
    }

    /** Before the signature has verified, the reason is only logged. */
    private static OAuthException failed(String reason) {
        LOG.debugf("Client assertion refused: %s", reason);
        return OAuthException.invalidClient("Client authentication failed");
    }
}
