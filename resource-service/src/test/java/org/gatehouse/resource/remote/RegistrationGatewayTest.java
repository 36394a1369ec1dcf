package org.gatehouse.resource.remote;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.gatehouse.resource.SiblingDoubles;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real rest client against the registration-service double. */
@QuarkusTest
class RegistrationGatewayTest {

    @Inject
    RegistrationGateway registration;

    /**
     * registration-service's 400 to a lookup refuses the value it was handed (a NUL PostgreSQL cannot take): the key
     * does not exist, which the caller answers as a bad key, never as 503 "temporarily unavailable". Twenty in a row
     * change nothing for a real key.
     */
    @Test
    void apiKeyWhenRegistrationRefusesTheIdAs400ThenAbsentNotUnavailable() {
        for (int i = 0; i < 20; i++) {
            assertTrue(registration.apiKey("\u202e\u0000" + i).isEmpty());
        }
        assertTrue(registration.apiKey(SiblingDoubles.KEY_ID).isPresent());
    }
}
