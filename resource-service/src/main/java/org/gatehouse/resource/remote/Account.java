package org.gatehouse.resource.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;

/**
 * This service's own copy of the account fields it reads from registration-service: the profile claims under their
 * OIDC Core §5.1 names ({@code display_name} is {@code name}), {@code null} when the user gave none.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(String id, String username, String email,
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
                      @JsonProperty("created_at") OffsetDateTime createdAt,
                      @JsonProperty("updated_at") OffsetDateTime updatedAt) {
}
