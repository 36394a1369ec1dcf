package org.gatehouse.registration.developer;

import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RequestedPermissionsValidatorTest {

    private final RequestedPermissionsValidator validator = new RequestedPermissionsValidator();

    @Test
    void handleWhenGranularPermissionsThenCatalogueOrderWithoutDuplicates() {
        assertEquals(List.of("profile", "read:nodes", "write:nodes"),
                validator.validate(List.of("write:nodes", "read:nodes", "profile", "read:nodes")));
    }

    @Test
    void handleWhenAliasesThenExpanded() {
        assertEquals(List.of("read:accounts", "read:nodes"), validator.validate(List.of("read")));
        assertEquals(List.of("email", "write:nodes", "delete:nodes"), validator.validate(List.of("write", "email")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"read:statuses", "follow", "push", "introspection", "admin", "admin:read", "admin:write",
            "READ", "read ", ""})
    void handleWhenNotARequestablePermissionThenInvalidScope(String permission) {
        assertInvalid(List.of("read:nodes", permission));
    }

    @Test
    void handleWhenNoneOrNullThenInvalidScope() {
        assertInvalid(List.of());
        assertInvalid(null);
        assertInvalid(Collections.singletonList(null));
        assertInvalid(Arrays.asList(new String[60]));
    }

    private void assertInvalid(List<String> permissions) {
        OAuthException e = assertThrows(OAuthException.class, () -> validator.validate(permissions));
        assertEquals(OAuthError.INVALID_SCOPE, e.error());
        assertEquals(400, e.status());
    }
}
