package org.gatehouse.authorization.remote;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The account registration-service answers with after a successful password check, a read or a profile change. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Account(
        @JsonProperty("id") String id,
        @JsonProperty("username") String username,
        @JsonProperty("email") String email,
        @JsonProperty("display_name") String displayName,
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

    /** The profile claims the user gave, as the account page shows them. */
    public ProfileClaims profileClaims() {
        return new ProfileClaims(displayName, givenName, familyName, middleName, nickname, profile, picture, website,
                gender, birthdate, zoneinfo, locale);
    }
}
