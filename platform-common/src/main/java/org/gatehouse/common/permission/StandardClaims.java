package org.gatehouse.common.permission;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard claims about a user and the scope that releases each (OpenID Connect Core §5.4), for the scopes of
 * {@link Permissions} that release claims ({@code profile}, {@code email}). A claim asked for by name with the
 * {@code claims} request parameter (§5.5) counts as a request for its scope when the user is asked to consent, so
 * naming a claim never releases more than the user approved; UserInfo then answers it when the account has it.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims">OIDC Core §5.4</a>
 */
public final class StandardClaims {

    private static final Map<String, String> SCOPE_OF = new LinkedHashMap<>();

    static {
        for (String claim : List.of("name", "family_name", "given_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale",
                "updated_at")) {
            SCOPE_OF.put(claim, "profile");
        }
        SCOPE_OF.put("email", "email");
        SCOPE_OF.put("email_verified", "email");
    }

    private StandardClaims() {
    }

    /** The scope that releases {@code claim}; empty for a claim that is not a standard user claim of these scopes. */
    public static Optional<String> scopeOf(String claim) {
        return Optional.ofNullable(SCOPE_OF.get(claim));
    }

    public static boolean isKnown(String claim) {
        return SCOPE_OF.containsKey(claim);
    }
}
