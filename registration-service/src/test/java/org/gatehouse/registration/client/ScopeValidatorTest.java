package org.gatehouse.registration.client;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScopeValidatorTest {

    private final ScopeValidator validator = new ScopeValidator();

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void handleWhenNoScopeThenRead(String scope) {
        assertEquals(List.of("read"), validator.validate(scope));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void validateWhenNoScopeAndSignInDefaultsThenOpenidProfileEmailRead(String scope) {
        assertEquals(List.of("openid", "profile", "email", "read"),
                validator.validate(scope, ScopeValidator.SIGN_IN_DEFAULT_SCOPES));
    }

    @Test
    void validateWhenScopeGivenThenDefaultsIgnored() {
        assertEquals(List.of("read:nodes"), validator.validate("read:nodes", ScopeValidator.SIGN_IN_DEFAULT_SCOPES));
    }

    @Test
    void handleWhenKnownScopesThenKeptInOrderWithoutDuplicates() {
        assertEquals(List.of("read", "write", "follow", "push", "read:accounts"),
                validator.validate("read write follow push read:accounts read"));
        assertEquals(List.of("openid", "profile", "email", "read:nodes"),
                validator.validate("openid profile\temail\nread:nodes"));
    }

    @Test
    void handleWhenPlusSeparatedThenSplit() {
        assertEquals(List.of("read", "write"), validator.validate("read+write"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"read write:statuses", "READ", "read:everything", "admin:delete"})
    void handleWhenUnknownScopeThenInvalidScope(String scope) {
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(scope));
        assertEquals(OAuthError.INVALID_SCOPE, e.error());
    }

    /**
     * Self-granted privilege: a client registering itself with an operator-granted scope ({@code introspection} reads
     * every token, {@code admin:*} drive the admin API) would then obtain it through {@code client_credentials}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"read introspection", "admin", "read admin:read", "admin:write"})
    void validateWhenOperatorGrantedScopeSelfRegisteredThenInvalidScope(String scope) {
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(scope));
        assertEquals(OAuthError.INVALID_SCOPE, e.error());
    }
}
