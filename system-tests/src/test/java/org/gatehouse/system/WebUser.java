package org.gatehouse.system;

import java.util.concurrent.ThreadLocalRandom;

/** A person with an account: what they type on /signup and /login. */
record WebUser(String username, String email, String displayName, String password) {

    /**
     * A new, unique user who signs up with an e-mail address as the username, in mixed case
     * ({@code Erin-<suffix>@Example.org}), and leaves the sign-up page's email field empty: the address is the email.
     */
    static WebUser withAddress(String prefix) {
        WebUser user = random(prefix);
        String address = Character.toUpperCase(prefix.charAt(0)) + user.username().substring(1) + "@Example.org";
        return new WebUser(address, null, address, user.password());
    }

    /** The same person, typing their username as {@code typed} (another case, say). */
    WebUser typing(String typed) {
        return new WebUser(typed, email, displayName, password);
    }

    /** A new, unique user whose password passes the policy (12+ characters, not common, not the username). */
    static WebUser random(String prefix) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String username = prefix + "-" + suffix;
        return new WebUser(username, username + "@example.org",
                Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " Tester " + suffix,
                "violet-harbour-" + suffix + "-lantern");
    }
}
