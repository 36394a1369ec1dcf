package org.gatehouse.authorization.login;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReturnToTest {

    @Test
    void handleWhenLocalPathThenKept() {
        for (String path : List.of("/account", "/oauth/authorize?client_id=a&state=%2F%2Fx", "/")) {
            assertEquals(path, ReturnTo.orDefault(path));
        }
    }

    @Test
    void handleWhenOtherOriginOrTrickThenDefault() {
        for (String evil : List.of("//evil.com", "https://evil.com", "http:evil.com", "/\\evil.com", "\\\\evil.com",
                "/%2F%2Fevil.com", "/%5Cevil.com", " /account", "/acc ount", "/a\r\nSet-Cookie:x", "evil.com",
                "javascript:alert(1)", "")) {
            assertEquals(ReturnTo.DEFAULT, ReturnTo.orDefault(evil), evil);
        }
        assertEquals(ReturnTo.DEFAULT, ReturnTo.orDefault(null));
    }
}
