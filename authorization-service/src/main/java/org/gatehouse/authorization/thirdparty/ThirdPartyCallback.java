package org.gatehouse.authorization.thirdparty;

import org.gatehouse.authorization.code.AuthorizationResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the browser goes back to the app after {@code /api/v1/authorize} (ARCHITECTURE.md flow 5):
 * {@code redirect_uri?code=success&client_id=..&user_id=<uuid>[&state=..]} on approval,
 * {@code redirect_uri?code=denied&client_id=..[&state=..]} on denial. {@code code} is a fixed word, not a secret:
 * the app learns nothing it could redeem, it calls the APIs with its API key and the user id.
 */
public final class ThirdPartyCallback {

    public static final String SUCCESS = "success";
    public static final String DENIED = "denied";

    private ThirdPartyCallback() {
    }

    public static String approved(ThirdPartyRequest request, String userId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", SUCCESS);
        parameters.put("client_id", request.client().clientId());
        parameters.put("user_id", userId);
        parameters.put("state", request.state());
        return AuthorizationResponse.append(request.redirectUri(), parameters);
    }

    public static String denied(ThirdPartyRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", DENIED);
        parameters.put("client_id", request.client().clientId());
        parameters.put("state", request.state());
        return AuthorizationResponse.append(request.redirectUri(), parameters);
    }
}
