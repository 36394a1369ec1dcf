package org.gatehouse.registration.client;

/**
 * The result of a registration (RFC 7591 §3.2.1): the client plus its secret in clear. This is the only
 * time the secret exists outside the client; {@link #toString()} never reveals it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 */
public record ClientInformation(RegisteredClient client, String clientSecret) {

    @Override
    public String toString() {
        return "ClientInformation[client=" + client + ", clientSecret=<redacted>]";
    }
}
