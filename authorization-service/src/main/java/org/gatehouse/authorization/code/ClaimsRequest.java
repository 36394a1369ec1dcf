package org.gatehouse.authorization.code;

import com.fasterxml.jackson.databind.JsonNode;
import org.gatehouse.common.permission.StandardClaims;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The OpenID Connect {@code claims} request parameter (Core §5.5): standard user claims a client asks for by name,
 * for UserInfo ({@code userinfo}) and for the ID token ({@code id_token}). Only names of {@link StandardClaims} the
 * client may ask for are kept; other names, and {@code value} / {@code values} constraints, are ignored as §5.5.1
 * allows, except the two it does not: a {@code sub} value for the ID token (§5.5.1: no token for another user) and an
 * essential {@code acr} with values (§5.5.1.1: a level that cannot be met is a failed authentication). {@code essential}
 * is otherwise advisory: a claim the account does not have is simply absent. Each kept claim counts as a request for
 * the scope that releases it ({@link #scopes()}), so the user consents to it like to that scope.
 *
 * @param userInfo  standard claims requested for UserInfo
 * @param idToken   standard claims requested for the ID token
 * @param subject   the {@code sub} value the ID token must have, or null
 * @param acrValues the {@code acr} values one of which is essential, empty when none is
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClaimsParameter">OIDC Core §5.5</a>
 */
public record ClaimsRequest(Set<String> userInfo, Set<String> idToken, String subject, Set<String> acrValues) {

    public static final ClaimsRequest NONE = new ClaimsRequest(Set.of(), Set.of(), null, Set.of());

    private static final String USERINFO = "userinfo";
    private static final String ID_TOKEN = "id_token";

    public ClaimsRequest {
        // Order kept: tokens list the claims as they were requested.
        userInfo = Collections.unmodifiableSet(new LinkedHashSet<>(userInfo));
        idToken = Collections.unmodifiableSet(new LinkedHashSet<>(idToken));
        acrValues = Set.copyOf(acrValues);
    }

    /**
     * Reads a parsed {@code claims} value, keeping the claims {@code requestable} admits.
     *
     * @throws IllegalArgumentException with a client-safe reason when it is not the shape §5.5 defines
     */
    public static ClaimsRequest of(JsonNode claims, Predicate<String> requestable) {
        if (claims == null || !claims.isObject()) {
            throw new IllegalArgumentException("claims must be a JSON object");
        }
        Set<String> userInfo = names(claims.get(USERINFO), USERINFO, requestable);
        Set<String> idToken = names(claims.get(ID_TOKEN), ID_TOKEN, requestable);
        String subject = null;
        Set<String> acrValues = new LinkedHashSet<>();
        JsonNode idTokenMember = claims.get(ID_TOKEN);
        if (idTokenMember != null && idTokenMember.isObject()) {
            JsonNode sub = idTokenMember.get("sub");
            if (sub != null && sub.isObject() && sub.has("value")) {
                if (!sub.get("value").isTextual()) {
                    throw new IllegalArgumentException("claims: the value of sub must be a string");
                }
                subject = sub.get("value").asText();
            }
            JsonNode acr = idTokenMember.get("acr");
            if (acr != null && acr.isObject() && acr.path("essential").asBoolean(false)) {
                if (acr.get("value") != null) {
                    acrValues.add(acr.get("value").asText());
                }
                if (acr.get("values") != null) {
                    acr.get("values").forEach(value -> acrValues.add(value.asText()));
                }
            }
        }
        return new ClaimsRequest(userInfo, idToken, subject, acrValues);
    }

    /** The scopes the requested claims stand for at consent ({@code profile}, {@code email}). */
    public Set<String> scopes() {
        Set<String> scopes = new LinkedHashSet<>();
        for (Collection<String> names : List.of(userInfo, idToken)) {
            names.forEach(name -> StandardClaims.scopeOf(name).ifPresent(scopes::add));
        }
        return scopes;
    }

    /** Whether a token for {@code userId} answers this request: no {@code sub} was named, or this one. */
    public boolean allowsSubject(String userId) {
        return subject == null || subject.equals(userId);
    }

    /** Whether an ID token with {@code acr} meets the request: no level is essential, or this one is among them. */
    public boolean acceptsAcr(String acr) {
        return acrValues.isEmpty() || acrValues.contains(acr);
    }

    private static Set<String> names(JsonNode member, String memberName, Predicate<String> requestable) {
        Set<String> names = new LinkedHashSet<>();
        if (member == null || member.isNull()) {
            return names;
        }
        if (!member.isObject()) {
            throw new IllegalArgumentException("claims: " + memberName + " must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> claim : member.properties()) {
            // Each requested claim is null (default manner) or an object of essential, value, values.
            JsonNode spec = claim.getValue();
            if (!spec.isNull() && !spec.isObject()) {
                throw new IllegalArgumentException("claims: each claim in " + memberName
                        + " must be null or a JSON object");
            }
            if (spec.has("essential") && !spec.get("essential").isBoolean()) {
                throw new IllegalArgumentException("claims: essential must be true or false");
            }
            if (spec.has("values") && !spec.get("values").isArray()) {
                throw new IllegalArgumentException("claims: values must be a JSON array");
            }
            if (StandardClaims.isKnown(claim.getKey()) && requestable.test(claim.getKey())) {
                names.add(claim.getKey());
            }
        }
        return names;
    }
}
