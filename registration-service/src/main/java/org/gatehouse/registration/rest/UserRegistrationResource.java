package org.gatehouse.registration.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.common.ratelimit.PerIpRateLimit;
import org.gatehouse.registration.account.AccountRegistrar;
import org.gatehouse.registration.account.NewAccount;
import org.gatehouse.registration.account.RegisteredAccount;
import org.gatehouse.registration.config.RateLimitRoutes;
import org.jboss.resteasy.reactive.RestForm;

/**
 * {@code POST /register} (ARCHITECTURE.md flow 4): creates an account from {@code user_id} (the username) and
 * {@code user_secret} (the password), JSON or form body, and answers 201 {@code {"user_key"}}, the identifier
 * {@code POST /authenticate} takes with the password. The account is the same one the web pages log in to.
 * 400 {@code invalid_request} for a bad username or a password the policy refuses, 409 {@code conflict} for a
 * taken username, 415 for any other content type.
 */
@Path("/register")
@Produces(MediaType.APPLICATION_JSON)
public class UserRegistrationResource {

    private final AccountRegistrar registrar;

    public UserRegistrationResource(AccountRegistrar registrar) {
        this.registrar = registrar;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PerIpRateLimit(RateLimitRoutes.SIGNUP_PER_IP)
    public Response registerJson(UserRegistrationRequest request) {
        UserRegistrationRequest body = request == null ? UserRegistrationRequest.EMPTY : request;
        return register(body.userId(), body.userSecret());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @PerIpRateLimit(RateLimitRoutes.SIGNUP_PER_IP)
    public Response registerForm(@RestForm("user_id") String userId, @RestForm("user_secret") String userSecret) {
        return register(userId, userSecret);
    }

    private Response register(String userId, String userSecret) {
        RegisteredAccount account = registrar.register(new NewAccount(userId, null, null, userSecret),
                "user_id", "user_secret");
        return Response.status(Response.Status.CREATED)
                .entity(new UserKey(account.userKey()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The answer to a registration: only the key, never anything derived from the secret. */
    public record UserKey(@JsonProperty("user_key") String userKey) {
    }
}
