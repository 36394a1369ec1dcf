package org.gatehouse.registration.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientSecretIssuerTest {

    private final ClientSecretIssuer issuer = new ClientSecretIssuer();

    @Test
    void handleWhenIssuedThen256BitBase64UrlSecretWithItsHash() {
        ClientSecretIssuer.IssuedSecret issued = issuer.issue();
        assertEquals(43, issued.secret().length());
        assertTrue(issued.secret().matches("[A-Za-z0-9_-]{43}"));
        assertEquals(ClientSecretIssuer.hash(issued.secret()), issued.hash());
        assertNotEquals(issued.secret(), issued.hash());
    }

    @Test
    void handleWhenHashingThenBase64UrlSha256WithoutPadding() {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", ClientSecretIssuer.hash("abc"));
    }

    @Test
    void handleWhenIssuedRepeatedlyThenNeverTheSameSecret() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(secrets.add(issuer.issue().secret()));
        }
    }

    @Test
    void handleWhenPrintedThenSecretRedacted() {
        ClientSecretIssuer.IssuedSecret issued = issuer.issue();
        assertFalse(issued.toString().contains(issued.secret()));
        ClientInformation information = new ClientInformation(null, issued.secret());
        assertFalse(information.toString().contains(issued.secret()));
    }
}
