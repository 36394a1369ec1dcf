package org.gatehouse.common.error;

/**
 * A request refused before any endpoint ran because a value in it is not text this platform accepts: broken
 * percent-encoding, bytes that are not UTF-8, a NUL or another control character. It is an {@link OAuthException}
 * (400 {@code invalid_request}, the JSON body); a service whose endpoints are pages maps it to its error page.
 */
public class UnacceptableCharacters extends OAuthException {

    public UnacceptableCharacters(String clientSafeDescription) {
        super(OAuthError.INVALID_REQUEST, 400, clientSafeDescription);
    }
}
