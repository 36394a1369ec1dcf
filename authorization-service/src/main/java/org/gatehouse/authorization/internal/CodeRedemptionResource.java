package org.gatehouse.authorization.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.gatehouse.authorization.code.AuthorizationCodeRedeemer;
import org.gatehouse.authorization.code.AuthorizationCodeRedeemer.RedeemedCode;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.common.servicejwt.InternalApi;
import org.gatehouse.common.servicejwt.ServiceNames;

import java.util.List;

/**
 * {@code POST /internal/authorization-codes/redeem}: token-service exchanges a code for what it was bound to, once,
 * presenting what the token request carried for it ({@code client_id} REQUIRED; {@code redirect_uri},
 * {@code code_challenge} = S256 of the {@code code_verifier}, {@code pkce_required} for public clients). 400
 * {@code invalid_grant} answers: with {@code mismatch: true} when the request does not match the unused code (which
 * stays unused), with {@code code_id} when the code's client presents a used code again. Guarded by platform-common's
 * service-token filter like every {@code /internal} path.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-4.1.3">RFC 6749 §4.1.3</a>
 */
@InternalApi(callers = {ServiceNames.TOKEN})
@Path("/internal/authorization-codes")
@Produces(MediaType.APPLICATION_JSON)
public class CodeRedemptionResource {

    private final AuthorizationCodeRedeemer redeemer;

    public CodeRedemptionResource(AuthorizationCodeRedeemer redeemer) {
        this.redeemer = redeemer;
    }

    @POST
    @Path("/redeem")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response redeem(RedemptionRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            throw OAuthException.invalidRequest("code is required");
        }
        if (request.clientId() == null || request.clientId().isBlank()) {
            throw OAuthException.invalidRequest("client_id is required");
        }
        AuthorizationCodeRedeemer.Redemption redemption = redeemer.redeem(new AuthorizationCodeRedeemer.Presented(
                request.code(), request.clientId(), request.redirectUri(), request.codeChallenge(),
                Boolean.TRUE.equals(request.pkceRequired())));
        if (redemption instanceof AuthorizationCodeRedeemer.Redeemed redeemed) {
            return Response.ok(RedemptionResponse.of(redeemed.code())).header("Cache-Control", "no-store").build();
        }
        if (redemption instanceof AuthorizationCodeRedeemer.Replayed replayed) {
            return Response.status(400).header("Cache-Control", "no-store")
                    .entity(new ReplayResponse(OAuthError.INVALID_GRANT.code(),
                            "The authorization code was already used", replayed.codeId()))
                    .build();
        }
        if (redemption instanceof AuthorizationCodeRedeemer.Mismatch mismatch) {
            return Response.status(400).header("Cache-Control", "no-store")
                    .entity(new MismatchResponse(OAuthError.INVALID_GRANT.code(), mismatch.description(), true))
                    .build();
        }
        throw new OAuthException(OAuthError.INVALID_GRANT, "The authorization code is invalid or expired");
    }

    public record RedemptionRequest(@JsonProperty("code") String code,
                                    @JsonProperty("client_id") String clientId,
                                    @JsonProperty("redirect_uri") String redirectUri,
                                    @JsonProperty("code_challenge") String codeChallenge,
                                    @JsonProperty("pkce_required") Boolean pkceRequired) {
    }

    /**
     * The contract's shape; {@code redirect_uri_in_request} is extra, for RFC 6749 §4.1.3's conditional check, and so
     * are {@code userinfo_claims} and {@code id_token_claims}, the claims the request named (OIDC Core §5.5).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record RedemptionResponse(
            @JsonProperty("code_id") String codeId,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("user_id") String userId,
            @JsonProperty("redirect_uri") String redirectUri,
            @JsonProperty("redirect_uri_in_request") boolean redirectUriInRequest,
            @JsonProperty("scope") String scope,
            @JsonProperty("nonce") String nonce,
            @JsonProperty("code_challenge") String codeChallenge,
            @JsonProperty("code_challenge_method") String codeChallengeMethod,
            @JsonProperty("auth_time") long authTime,
            @JsonProperty("userinfo_claims") List<String> userInfoClaims,
            @JsonProperty("id_token_claims") List<String> idTokenClaims) {

        static RedemptionResponse of(RedeemedCode code) {
            return new RedemptionResponse(code.codeId(), code.clientId(), code.userId(), code.redirectUri(),
                    code.redirectUriInRequest(), code.scope(), code.nonce(), code.codeChallenge(),
                    code.codeChallengeMethod(), code.authTime(), code.userInfoClaims(), code.idTokenClaims());
        }
    }

    public record MismatchResponse(@JsonProperty("error") String error,
                                   @JsonProperty("error_description") String errorDescription,
                                   @JsonProperty("mismatch") boolean mismatch) {
    }

    public record ReplayResponse(@JsonProperty("error") String error,
                                 @JsonProperty("error_description") String errorDescription,
                                 @JsonProperty("code_id") String codeId) {
    }
}
