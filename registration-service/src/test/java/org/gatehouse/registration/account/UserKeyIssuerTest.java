package org.gatehouse.registration.account;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class UserKeyIssuerTest {

    @Test
    void handleWhenIssuedThenPrefixedUnique128BitKeys() {
        UserKeyIssuer issuer = new UserKeyIssuer();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = issuer.issue();
            assertTrue(key.matches("uk_[A-Za-z0-9_-]{22}"), key);
            assertTrue(keys.add(key));
        }
    }
}
