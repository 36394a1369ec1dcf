package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The account registration-service answers with after a successful password check, a read or a rename. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(
        @JsonProperty("id") String id,
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("display_name") String displayName,
        @JsonProperty("given_name") String givenName,
        @JsonProperty("family_name") String familyName) {
}
