package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.gatehouse.registration.account.RegisteredAccount;

import java.time.Instant;

/** The internal account record of the cross-service contract (field names and shape are fixed). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"id", "username", "email", "display_name", "given_name", "family_name", "created_at",
        "updated_at"})
public record AccountJson(
        String id,
        String username,
        String email,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt) {

    static AccountJson of(RegisteredAccount account) {
        return new AccountJson(account.id().toString(), account.username(), account.email(), account.displayName(),
                account.givenName(), account.familyName(), account.createdAt(), account.updatedAt());
    }
}
