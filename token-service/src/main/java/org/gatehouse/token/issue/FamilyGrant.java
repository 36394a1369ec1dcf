package org.gatehouse.token.issue;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a token family is issued for: a user's authorization of a client with some scopes, obtained through an
 * authorization code ({@code codeId}) or a first-party login ({@code codeId} null), and the claims the
 * authorization request named for UserInfo (OIDC Core §5.5; empty when none).
 */
public record FamilyGrant(String clientId, String userId, Set<String> scopes, String codeId,
                          Set<String> userInfoClaims) {

    public FamilyGrant {
        // Order kept: the scope claim lists scopes as they were granted.
        scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
        userInfoClaims = Collections.unmodifiableSet(new LinkedHashSet<>(userInfoClaims));
    }

    public FamilyGrant(String clientId, String userId, Set<String> scopes, String codeId) {
        this(clientId, userId, scopes, codeId, Set.of());
    }
}
