package org.gatehouse.registration.developer;

/**
 * An app together with an API key in clear: the result of registering or rotating, shown to the developer once.
 * {@link #toString()} never reveals the key.
 */
public record IssuedApp(ThirdPartyApp app, String apiKey) {

    @Override
    public String toString() {
        return "IssuedApp[app=" + app + ", apiKey=<redacted>]";
    }
}
