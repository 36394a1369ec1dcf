package org.gatehouse.registration.repository;

/**
 * The OIDC Core §5.1 claims of the {@code profile} scope a user edits on their account, as stored; all but
 * {@code displayName} (the {@code name} claim, the user name when none was given) may be {@code null}.
 * {@code preferred_username} and {@code updated_at} are the account's own.
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#StandardClaims">OIDC Core §5.1</a>
 */
public record ProfileClaims(String displayName, String givenName, String familyName, String middleName,
                            String nickname, String profile, String picture, String website, String gender,
                            String birthdate, String zoneinfo, String locale) {
}
