package org.gatehouse.authorization.code;

import org.gatehouse.authorization.login.SignedInUser;

/** What the browser is shown next in the authorization code flow; the web layer renders each. */
public sealed interface AuthorizationOutcome {

    /**
     * The request cannot be answered at the client (RFC 6749 §4.1.2.1), or should not be without the user's say
     * (RFC 9700 §4.11.2): tell the user on a page. {@code continueTo}, when not null, is the error response at the
     * client's registered redirect URI, offered as a link the user may follow.
     */
    record ErrorPage(int status, String error, String description, String continueTo) implements AuthorizationOutcome {

        public ErrorPage(int status, String error, String description) {
            this(status, error, description, null);
        }
    }

    /** Back to the client with a code or an error. */
    record Redirect(String location) implements AuthorizationOutcome {
    }

    /** Sign in first, then resume at {@code returnTo}. */
    record LoginRequired(String returnTo) implements AuthorizationOutcome {
    }

    /** Ask the user to approve the request. */
    record ConsentRequired(ValidatedAuthorizationRequest request, SignedInUser user) implements AuthorizationOutcome {
    }

    /** Out-of-band redirect URI: show the code for the user to paste into the app. */
    record OutOfBandCode(String code, String clientName) implements AuthorizationOutcome {
    }
}
