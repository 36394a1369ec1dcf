package org.gatehouse.registration.client;

/**
 * A client's registration was replaced or deleted (CDI event). Fired inside the transaction that changes it;
 * {@link ClientDirectory} drops its cached copy once that transaction has committed.
 */
public record ClientChanged(String clientId) {
}
