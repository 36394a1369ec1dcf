package org.gatehouse.resource.userinfo;

import org.gatehouse.common.permission.StandardClaims;
import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.Account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The claims about a user that a token's scopes release (OIDC Core §5.3.2, §5.4):
 * {@code profile} or {@code read:accounts} → {@code name}, {@code preferred_username}, the other profile claims of
 * §5.1 the user gave on {@code /account/name} ({@code given_name}, {@code family_name}, {@code middle_name},
 * {@code nickname}, {@code profile}, {@code picture}, {@code website}, {@code gender}, {@code birthdate},
 * {@code zoneinfo}, {@code locale}; one never given is absent) and {@code updated_at}; {@code email} or
 * {@code read:accounts} → {@code email} and
 * {@code email_verified} when the account has an address (a user name that is an address is the account's email).
 * No address is verified by Gatehouse, so {@code email_verified} is {@code false}.
 * <p>
 * {@code /api/userinfo} and {@code /api/userinfo.php} answer the fixed shape of the API they stand in for on top:
 * {@code username}, {@code email} and {@code full_name} every time, {@code email} {@code null} when the account has
 * none, since its clients read the keys without checking for them.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims">OIDC Core §5.4</a>
 */
public final class UserInfoClaims {

    private UserInfoClaims() {
    }

    /** {@code /oauth/userinfo}: the standard claims the token's scopes release. */
    public static Map<String, Object> of(Account account, GrantedPermissions granted) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", account.id());
        boolean accounts = granted.has("read:accounts");
        if (accounts || granted.has("profile")) {
            claims.put("username", account.username());
            claims.put("preferred_username", account.username());
            claims.put("name", name(account));
            claims.put("full_name", name(account));
            putIfPresent(claims, "given_name", account.givenName());
            putIfPresent(claims, "family_name", account.familyName());
            putIfPresent(claims, "middle_name", account.middleName());
            putIfPresent(claims, "nickname", account.nickname());
            putIfPresent(claims, "profile", account.profile());
            putIfPresent(claims, "picture", account.picture());
            putIfPresent(claims, "website", account.website());
            putIfPresent(claims, "gender", account.gender());
            putIfPresent(claims, "birthdate", account.birthdate());
            putIfPresent(claims, "zoneinfo", account.zoneinfo());
            putIfPresent(claims, "locale", account.locale());
            if (account.updatedAt() != null) {
                claims.put("updated_at", account.updatedAt().toEpochSecond());
            }
        }
        if ((accounts || granted.has("email")) && account.email() != null) {
            claims.put("email", account.email());
            claims.put("email_verified", false);
        }
        claims.putAll(requested(account, granted));
        return claims;
    }

    /**
     * OIDC Core §5.5: the standard claims the authorization request named ({@code claims} parameter), which the
     * user consented to as the scopes that release them ({@link StandardClaims}), when the account has them.
     */
    private static Map<String, Object> requested(Account account, GrantedPermissions granted) {
        Map<String, Object> requested = new LinkedHashMap<>();
        if (granted.requestedClaims().isEmpty()) {
            return requested;
        }
        Map<String, Object> everyScope = of(account, GrantedPermissions.forApp(
                Set.of("profile", "email"), account.id(), null));
        for (String name : granted.requestedClaims()) {
            if (StandardClaims.isKnown(name) && everyScope.containsKey(name)) {
                requested.put(name, everyScope.get(name));
            }
        }
        return requested;
    }

    /** {@code /api/userinfo(.php)}: the standard claims plus {@code username}, {@code email}, {@code full_name}. */
    public static Map<String, Object> apiShaped(Account account, GrantedPermissions granted) {
        Map<String, Object> claims = of(account, granted);
        claims.put("username", account.username());
        claims.put("email", account.email());
        claims.put("full_name", name(account));
        return claims;
    }

    /** OIDC Core §5.3.2: a claim without a value is omitted, not sent as null or empty. */
    private static void putIfPresent(Map<String, Object> claims, String name, String value) {
        if (value != null && !value.isBlank()) {
            claims.put(name, value);
        }
    }

    private static String name(Account account) {
        return account.displayName() == null || account.displayName().isBlank()
                ? account.username() : account.displayName();
    }
}
