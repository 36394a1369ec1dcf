package org.gatehouse.resource.userinfo;

import org.gatehouse.resource.bearer.GrantedPermissions;
import org.gatehouse.resource.remote.Account;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The claims about a user that a token's scopes release (OIDC Core §5.3.2, §5.4):
 * {@code profile} or {@code read:accounts} → names; {@code email} or {@code read:accounts} → email.
 * {@code username} and {@code full_name} are kept beside the standard names for clients of APIs shaped that way.
 */
public final class UserInfoClaims {

    private UserInfoClaims() {
    }

    public static Map<String, Object> of(Account account, GrantedPermissions granted) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", account.id());
        boolean accounts = granted.has("read:accounts");
        if (accounts || granted.has("profile")) {
            String name = account.displayName() == null || account.displayName().isBlank()
                    ? account.username() : account.displayName();
            claims.put("username", account.username());
            claims.put("preferred_username", account.username());
            claims.put("name", name);
            claims.put("full_name", name);
            if (account.createdAt() != null) {
                claims.put("updated_at", account.createdAt().toEpochSecond());
            }
        }
        if ((accounts || granted.has("email")) && account.email() != null) {
            claims.put("email", account.email());
        }
        return claims;
    }
}
