package org.gatehouse.registration.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientIdIssuerTest {

    private final ClientIdIssuer issuer = new ClientIdIssuer();

    @Test
    void handleWhenIssuedThen144BitUrlSafeIdentifiers() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = issuer.issue();
            assertTrue(id.matches("[A-Za-z0-9_-]{24}"), id);
            assertTrue(ids.add(id));
        }
    }
}
