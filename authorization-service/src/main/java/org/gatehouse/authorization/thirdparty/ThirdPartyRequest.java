package org.gatehouse.authorization.thirdparty;

import org.gatehouse.authorization.remote.RegisteredClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A checked {@code /api/v1/authorize} request: a third-party app, one of its registered redirect URIs and the
 * app's state to hand back.
 *
 * @param requested the app's requested permissions, granular, in catalogue order
 */
public record ThirdPartyRequest(RegisteredClient client, String redirectUri, String state, List<String> requested) {

    public static final String PATH = "/api/v1/authorize";
    public static final String CLIENT_ID = "client_id";
    public static final String REDIRECT_URI = "redirect_uri";
    public static final String STATE = "state";
    public static final String PROFILE_ID = "profile_id";

    public ThirdPartyRequest {
        requested = List.copyOf(requested);
    }

    /** The parameters the consent form carries back (hidden fields). */
    public Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(CLIENT_ID, client.clientId());
        parameters.put(REDIRECT_URI, redirectUri);
        if (state != null) {
            parameters.put(STATE, state);
        }
        return parameters;
    }

    /** {@code /api/v1/authorize?...}, with a profile to preselect when not null: a local path, never an origin. */
    public String path(UUID profileId) {
        Map<String, String> parameters = parameters();
        if (profileId != null) {
            parameters.put(PROFILE_ID, profileId.toString());
        }
        return PATH + "?" + parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
