package org.gatehouse.common.bearer;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class AccessTokenTypeValidatorTest {

    private final AccessTokenTypeValidator validator = new AccessTokenTypeValidator();

    @ParameterizedTest
    @ValueSource(strings = {"at+jwt", "AT+JWT", "application/at+jwt", "Application/At+JWT"})
    void handleWhenTypIsAtJwtThenAccepted(String type) {
        assertNull(validator.validate(contextWithType(type)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "application/jwt", "secevent+jwt", "at+jwt ", ""})
    void handleWhenTypIsAnythingElseThenRefused(String type) {
        assertNotNull(validator.validate(contextWithType(type)));
    }

    @Test
    void handleWhenTypMissingThenRefused() {
        assertNotNull(validator.validate(contextWithType(null)));
    }

    private static JwtContext contextWithType(String type) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue("ES256");
        if (type != null) {
            jws.setHeader("typ", type);
        }
        return new JwtContext("unused", new JwtClaims(), List.of(jws));
    }
}
