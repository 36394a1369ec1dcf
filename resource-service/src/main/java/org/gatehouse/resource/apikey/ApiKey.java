package org.gatehouse.resource.apikey;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A presented API key, {@code <prefix>_tp_<keyid>.<secret>}, split into the id to look up and the secret to check. */
record ApiKey(String keyId, String secret) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{1,16}_tp_([A-Za-z0-9]{8,64})\\.([A-Za-z0-9_-]{32,128})");

    static Optional<ApiKey> parse(String presented) {
        if (presented == null || presented.length() > 256) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(presented.trim());
        return matcher.matches() ? Optional.of(new ApiKey(matcher.group(1), matcher.group(2))) : Optional.empty();
    }
}
