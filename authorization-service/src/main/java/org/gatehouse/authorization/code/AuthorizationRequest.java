package org.gatehouse.authorization.code;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parameters of an authorization request exactly as received (query string or form body), before any
 * check. RFC 6749 §3.1: parameters sent without a value count as omitted, and none may be sent twice.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.1">RFC 6749 §4.1.1</a>
 */
public final class AuthorizationRequest {

    public static final String CLIENT_ID = "client_id";
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String RESPONSE_TYPE = "response_type";
    public static final String SCOPE = "scope";
    public static final String STATE = "state";
    /** OAuth 2.0 Multiple Response Type Encoding Practices §2.1: only {@code query} is implemented. */
    public static final String RESPONSE_MODE = "response_mode";
    public static final String NONCE = "nonce";
    public static final String CODE_CHALLENGE = "code_challenge";
    public static final String CODE_CHALLENGE_METHOD = "code_challenge_method";
    public static final String PROMPT = "prompt";
    public static final String MAX_AGE = "max_age";
    /** OpenID Connect Core §5.5: claims asked for by name, a JSON object. */
    public static final String CLAIMS = "claims";
    /**
     * Not sent by clients: when a request demands a new sign-in ({@code prompt=login}, {@code max_age}), the request
     * resumed after the login page carries the time of that demand instead (epoch milliseconds), so the sign-in
     * that follows satisfies it and the user is not sent round again.
     */
    public static final String LOGIN_AFTER = "login_after";
    /** Request objects (OpenID Connect Core §6, RFC 9101): read only to refuse them. */
    public static final String REQUEST = "request";
    public static final String REQUEST_URI = "request_uri";

    /**
     * The parameters this server acts on, in the order they are carried through login and consent (a request with a
     * request object is refused before either).
     */
    public static final List<String> NAMES = List.of(CLIENT_ID, REDIRECT_URI, RESPONSE_TYPE, RESPONSE_MODE, SCOPE,
            STATE, NONCE, CODE_CHALLENGE, CODE_CHALLENGE_METHOD, PROMPT, MAX_AGE, CLAIMS, LOGIN_AFTER, REQUEST,
            REQUEST_URI);

    private static final String RESUME_PATH = "/oauth/authorize";

    private final Map<String, List<String>> parameters;

    private AuthorizationRequest(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    /** Keeps only the parameters this server understands; RFC 6749 §3.1 says to ignore the others. */
    public static AuthorizationRequest of(Map<String, List<String>> received) {
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (String name : NAMES) {
            List<String> values = received.get(name);
            if (values == null) {
                continue;
            }
            List<String> present = values.stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!present.isEmpty()) {
                known.put(name, present);
            }
        }
        return new AuthorizationRequest(known);
    }

    /** The single value of a parameter, or null when it was omitted (or only sent empty). */
    public String get(String name) {
        List<String> values = parameters.get(name);
        return values == null ? null : values.get(0);
    }

    public boolean isRepeated(String name) {
        List<String> values = parameters.get(name);
        return values != null && values.size() > 1;
    }

    public boolean has(String name) {
        return parameters.containsKey(name);
    }

    /** The first value of each parameter, to re-submit the request from the consent form. */
    public Map<String, String> singleValues() {
        Map<String, String> values = new LinkedHashMap<>();
        parameters.forEach((name, list) -> values.put(name, list.get(0)));
        return values;
    }

    /**
     * The request a {@link #resumePath()} stands for, when {@code path} is one (the login page's return target);
     * empty for any other path.
     */
    public static Optional<AuthorizationRequest> fromResumePath(String path) {
        String prefix = RESUME_PATH + "?";
        if (path == null || !path.startsWith(prefix)) {
            return Optional.empty();
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        for (String pair : path.substring(prefix.length()).split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.of(of(parameters));
    }

    /** {@code /oauth/authorize?...}: where to resume this request after login (a local path, never an origin). */
    public String resumePath() {
        return resumePath(singleValues());
    }

    /**
     * Where to resume this request after a sign-in it demands: {@code max_age} and the {@code prompt} values that
     * ask for a sign-in give way to {@link #LOGIN_AFTER} = {@code demandedAt}.
     */
    public String resumePathAfterLogin(Instant demandedAt, Collection<String> loginPrompts) {
        Map<String, String> values = singleValues();
        values.remove(MAX_AGE);
        String prompt = values.remove(PROMPT);
        if (prompt != null) {
            List<String> kept = Arrays.stream(prompt.split(" ")).filter(v -> !v.isEmpty() && !loginPrompts.contains(v))
                    .toList();
            if (!kept.isEmpty()) {
                values.put(PROMPT, String.join(" ", kept));
            }
        }
        values.put(LOGIN_AFTER, Long.toString(demandedAt.toEpochMilli()));
        return resumePath(values);
    }

    private static String resumePath(Map<String, String> values) {
        return RESUME_PATH + "?" + values.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
