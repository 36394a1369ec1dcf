package org.gatehouse.authorization.profile;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilePermissionsTest {

    @Test
    void handleWhenAliasesGivenThenExpandedInCatalogueOrderWithoutDuplicates() {
        assertEquals(List.of("profile", "read:accounts", "read:nodes", "write:nodes", "delete:nodes"),
                ProfilePermissions.normalize(List.of("write", "read:nodes", "read", "profile", "profile")));
        assertEquals(List.of("admin:read", "admin:write"), ProfilePermissions.normalize(List.of("admin")));
        assertEquals(List.of(), ProfilePermissions.normalize(List.of()));
    }

    @Test
    void handleWhenUnknownCompatibilityOrNullThenInvalidRequestNamingThem() {
        for (List<String> bad : List.of(List.of("read:nodes", "fly"), List.of("follow"), List.of("introspection"),
                List.of("READ"), Arrays.asList("read", null))) {
            OAuthException e = assertThrows(OAuthException.class, () -> ProfilePermissions.normalize(bad));
            assertEquals(OAuthError.INVALID_REQUEST, e.error(), bad.toString());
        }
        OAuthException e = assertThrows(OAuthException.class,
                () -> ProfilePermissions.normalize(List.of("x".repeat(500) + "\n")));
        assertTrue(e.description().length() < 120, e.description());
    }

    @Test
    void handleWhenAppScopesIncludeNonGranularThenOnlyGranularRequested() {
        assertEquals(List.of("read:nodes", "write:nodes"),
                ProfilePermissions.granularOf(List.of("write:nodes", "follow", "read:nodes", "push")));
    }
}
