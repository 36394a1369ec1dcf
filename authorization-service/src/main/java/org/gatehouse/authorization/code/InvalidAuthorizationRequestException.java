package org.gatehouse.authorization.code;

/**
 * An authorization request this server refuses. Without a validated redirect URI the user is shown an error page
 * (RFC 6749 §4.1.2.1: never redirect to an unverified URI); with one, the error goes back to the client.
 */
public class InvalidAuthorizationRequestException extends RuntimeException {

    private final String error;
    private final int status;
    private final String redirectUri;
    private final String state;

    private InvalidAuthorizationRequestException(String error, String description, int status, String redirectUri,
                                                 String state) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** Client or redirect URI cannot be trusted: only the user may be told. */
    public static InvalidAuthorizationRequestException page(String error, String description) {
        return new InvalidAuthorizationRequestException(error, description, 400, null, null);
    }

    public static InvalidAuthorizationRequestException page(String error, String description, int status) {
        return new InvalidAuthorizationRequestException(error, description, status, null, null);
    }

    /** The client and redirect URI are valid: the error is reported to the client (RFC 6749 §4.1.2.1). */
    public static InvalidAuthorizationRequestException redirect(String error, String description, String redirectUri,
                                                                String state) {
        return new InvalidAuthorizationRequestException(error, description, 302, redirectUri, state);
    }

    public String error() {
        return error;
    }

    /** Client-safe, human readable. */
    public String description() {
        return getMessage();
    }

    public int status() {
        return status;
    }

    /** The validated redirect URI to report to, or null when the error may only be shown on a page. */
    public String redirectUri() {
        return redirectUri;
    }

    public String state() {
        return state;
    }
}
