package org.gatehouse.registration.account;

/**
 * What a person signs up with, before validation. {@code email} and {@code displayName} may be {@code null}
 * ({@code POST /register} has neither). {@link #toString()} never shows the password.
 */
public record NewAccount(String username, String email, String displayName, String password) {

    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", email=" + email + ", password=<redacted>]";
    }
}
