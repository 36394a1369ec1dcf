package org.gatehouse.registration.client;

/**
 * A dynamically registered client as RFC 7591 §3.2.1 and RFC 7592 §3 describe it to its owner: the registered
 * metadata, where to manage it, and the credentials issued by this very request ({@code clientSecret} and
 * {@code registrationAccessToken} are {@code null} when the request issued none; they are never read back later).
 * {@link #toString()} never reveals them.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.1">RFC 7591 §3.2.1</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-3">RFC 7592 §3</a>
 */
public record DynamicClientInformation(
        RegisteredClient client,
        String clientSecret,
        String registrationAccessToken,
        String registrationClientUri) {

    @Override
    public String toString() {
        return "DynamicClientInformation[client=" + client.clientId() + ", clientSecret="
                + (clientSecret == null ? "none" : "<redacted>") + ", registrationAccessToken="
                + (registrationAccessToken == null ? "none" : "<redacted>") + ", registrationClientUri="
                + registrationClientUri + "]";
    }
}
