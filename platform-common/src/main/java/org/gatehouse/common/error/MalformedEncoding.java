package org.gatehouse.common.error;

import java.io.UnsupportedEncodingException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/**
 * Recognises a request the REST layer could not decode before any endpoint ran: a {@code charset} in the
 * Content-Type that does not exist, or a form or URL with broken percent-encoding ({@code %zz}, a lone {@code %}).
 * RESTEasy Reactive reports these as plain runtime exceptions, which would otherwise be a 500; they are the client's
 * error, so the answer is 400 {@code invalid_request}.
 */
final class MalformedEncoding {

    /**
     * Percent-decoders that throw IllegalArgumentException for a broken escape: RESTEasy Reactive's, and the JDK's
     * (used where an endpoint reads a raw query or form string itself).
     */
    private static final java.util.Set<String> URL_DECODERS =
            java.util.Set.of("org.jboss.resteasy.reactive.common.util.URLUtils", "java.net.URLDecoder");

    private MalformedEncoding() {
    }

    static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedEncodingException || t instanceof UnsupportedCharsetException
                    || t instanceof IllegalCharsetNameException) {
                return true;
            }
            if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                    && URL_DECODERS.contains(t.getStackTrace()[0].getClassName())) {
                return true;
            }
        }
        return false;
    }
}
