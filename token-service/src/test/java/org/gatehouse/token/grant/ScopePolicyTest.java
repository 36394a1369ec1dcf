package org.gatehouse.token.grant;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScopePolicyTest {

    private final ScopePolicy policy = new ScopePolicy();

    @Test
    void grantWhenNoScopeRequestedThenEverythingAllowed() {
        assertEquals(List.of("read", "write"), List.copyOf(policy.grant(Optional.empty(), List.of("read", "write"))));
    }

    @Test
    void grantWhenSubsetRequestedThenExactlyTheRequest() {
        assertEquals(Set.of("read:accounts"), policy.grant(Optional.of("read:accounts"), List.of("read", "write")));
    }

    @Test
    void grantWhenMastodonPlusSeparatedThenParsed() {
        assertEquals(Set.of("read", "write"), policy.grant(Optional.of("read+write"), List.of("read", "write", "follow")));
    }

    @Test
    void grantWhenAliasExceedsGranularRegistrationThenInvalidScope() {
        // "read" also means read:nodes, which the client is not registered for.
        assertInvalidScope("read", List.of("read:accounts"));
    }

    @Test
    void grantWhenUnknownScopeThenInvalidScope() {
        assertInvalidScope("read nuke", List.of("read"));
    }

    @Test
    void grantWhenScopeNotRegisteredThenInvalidScope() {
        assertInvalidScope("admin:write", List.of("read", "write"));
    }

    private void assertInvalidScope(String requested, List<String> allowed) {
        OAuthException e = assertThrows(OAuthException.class, () -> policy.grant(Optional.of(requested), allowed));
        assertEquals(OAuthError.INVALID_SCOPE, e.error());
    }
}
