package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gatehouse.registration.account.RegisteredAccount;
import org.gatehouse.registration.repository.ProfileClaims;

import java.time.Instant;

/**
 * The internal account record of the cross-service contract (field names and shape are fixed): the profile claims
 * carry their OIDC Core §5.1 names, {@code null} when the user gave none.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "username", "email", "display_name", "given_name", "family_name", "middle_name", "nickname",
        "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "created_at", "updated_at"})
public record AccountJson(
        String id,
        String username,
        String email,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        @JsonProperty("middle_name") String middleName,
        String nickname,
        String profile,
        String picture,
        String website,
        String gender,
        String birthdate,
        String zoneinfo,
        String locale,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    static AccountJson of(RegisteredAccount account) {
        ProfileClaims claims = account.profile();
        return new AccountJson(account.id().toString(), account.username(), account.email(), claims.displayName(),
                claims.givenName(), claims.familyName(), claims.middleName(), claims.nickname(), claims.profile(),
                claims.picture(), claims.website(), claims.gender(), claims.birthdate(), claims.zoneinfo(),
                claims.locale(), account.createdAt(), account.updatedAt());
    }
}
