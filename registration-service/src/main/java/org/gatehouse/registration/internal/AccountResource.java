package org.gatehouse.registration.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;
import org.gatehouse.registration.account.AccountAuthenticator;
import org.gatehouse.registration.account.AccountDirectory;
import org.gatehouse.registration.account.AccountProfile;
import org.gatehouse.registration.account.RegisteredAccount;
import org.gatehouse.registration.repository.ProfileClaims;

import java.util.Optional;

/**
 * {@code /internal/accounts}: password checks for authorization-service's login page (by username) and
 * token-service's {@code /authenticate} (by {@code user_key}), account reads for the resource server and the account
 * page, and the user's own profile changes from that page. Both
 * password checks count in one brute-force throttle per account and per the {@code client_ip} the caller reports
 * (429 {@code rate_limited} with {@code Retry-After} and {@code RateLimit-*} once used up, before any hashing). Reached
 * only with a service JWT naming this service as audience, from the callers each method names
 * (platform-common's {@code InternalApiFilter}).
 * A wrong password and an unknown account get the same 401 {@code invalid_grant} after the same hashing work.
 */
@Path("/internal/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** An IPv6 address with a zone is far shorter; anything longer is not an address. */
    private static final int MAX_CLIENT_IP_LENGTH = 64;

    private final AccountAuthenticator authenticator;
    private final AccountDirectory directory;
    private final AccountProfile profiles;

    public AccountResource(AccountAuthenticator authenticator, AccountDirectory directory, AccountProfile profiles) {
        this.authenticator = authenticator;
        this.directory = directory;
        this.profiles = profiles;
    }

    @POST
    @Path("/authenticate")
    @InternalApi(callers = {ServiceNames.TOKEN, ServiceNames.AUTHORIZATION})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response authenticate(Credentials credentials) {
        if (credentials == null || credentials.password() == null || credentials.password().isEmpty()) {
            throw OAuthException.invalidRequest("password is required");
        }
        boolean byUsername = credentials.username() != null;
        if (byUsername == (credentials.userKey() != null)) {
            throw OAuthException.invalidRequest("Exactly one of username and user_key is required");
        }
        if (credentials.clientIp() != null && credentials.clientIp().length() > MAX_CLIENT_IP_LENGTH) {
            throw OAuthException.invalidRequest("client_ip is too long");
        }
        Optional<RegisteredAccount> account = byUsername
                ? authenticator.byUsername(credentials.username(), credentials.password(), credentials.clientIp())
                : authenticator.byUserKey(credentials.userKey(), credentials.password(), credentials.clientIp());
        AccountJson json = account.map(AccountJson::of)
                .orElseThrow(() -> new OAuthException(OAuthError.INVALID_GRANT, 401, "The credentials are incorrect"));
        return Response.ok(json).header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/{id}")
    @InternalApi(callers = {ServiceNames.RESOURCE, ServiceNames.AUTHORIZATION})
    public Response account(@PathParam("id") String id) {
        AccountJson json = directory.find(id).map(AccountJson::of).orElseThrow(AccountResource::noSuchAccount);
        return Response.ok(json).header("Cache-Control", "no-store").build();
    }

    /**
     * The user's own profile claims, changed on authorization-service's {@code /account/name} page: the whole set,
     * a blank or absent one cleared.
     */
    @PUT
    @Path("/{id}/profile")
    @InternalApi(callers = ServiceNames.AUTHORIZATION)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeProfile(@PathParam("id") String id, Profile profile) {
        if (profile == null) {
            throw OAuthException.invalidRequest("A JSON object of profile claims (display_name, given_name, …) is"
                    + " required");
        }
        AccountJson json = AccountDirectory.parse(id)
                .flatMap(uuid -> profiles.change(uuid, profile.claims()))
                .map(AccountJson::of).orElseThrow(AccountResource::noSuchAccount);
        return Response.ok(json).header("Cache-Control", "no-store").build();
    }

    private static OAuthException noSuchAccount() {
        return new OAuthException(OAuthError.NOT_FOUND, "No account has this id");
    }

    /** The profile claims under their OIDC Core §5.1 names, and {@code display_name} for {@code name}. */
    public record Profile(@JsonProperty("display_name") String displayName,
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

        ProfileClaims claims() {
            return new ProfileClaims(displayName, givenName, familyName, middleName, nickname, profile, picture,
                    website, gender, birthdate, zoneinfo, locale);
        }
    }

    /**
     * {@code {"username","password"}} or {@code {"user_key","password"}}, with the {@code client_ip} the sign-in came
     * from (optional: without it only the account is counted); never printed with the password.
     */
    public record Credentials(@JsonProperty("username") String username,
                              @JsonProperty("user_key") String userKey,
                              @JsonProperty("password") String password,
                              @JsonProperty("client_ip") String clientIp) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", user_key=" + userKey + ", password=<redacted>, client_ip="
                    + clientIp + "]";
        }
    }
}
