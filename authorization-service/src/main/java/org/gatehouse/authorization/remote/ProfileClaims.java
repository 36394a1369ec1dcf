package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OIDC Core §5.1 profile claims a user edits on {@code /account/name}, under their claim names
 * ({@code display_name} is the {@code name} claim); registration-service keeps and validates them. Any may be
 * {@code null} or blank, which clears it.
 */
public record ProfileClaims(@JsonProperty("display_name") String displayName,
                            @JsonProperty("given_name") String givenName,
                            @JsonProperty("family_name") String familyName,
                            @JsonProperty("middle_name") String middleName,
                            @JsonProperty("nickname") String nickname,
                            @JsonProperty("profile") String profile,
                            @JsonProperty("picture") String picture,
                            @JsonProperty("website") String website,
                            @JsonProperty("gender") String gender,
                            @JsonProperty("birthdate") String birthdate,
                            @JsonProperty("zoneinfo") String zoneinfo,
                            @JsonProperty("locale") String locale) {
}
