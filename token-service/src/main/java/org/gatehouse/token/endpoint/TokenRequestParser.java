package org.gatehouse.token.endpoint;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.token.grant.TokenRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns a token-endpoint body into a {@link TokenRequest}: {@code application/x-www-form-urlencoded} as
 * RFC 6749 §4.4.2 specifies, or a flat JSON object as Mastodon clients send. RFC 6749 §3.2: a parameter sent
 * more than once is an {@code invalid_request}; §3.1: one sent without a value counts as omitted.
 */
@ApplicationScoped
public class TokenRequestParser {

    /** A token request has about five parameters; this bounds work on hostile input. */
    static final int MAX_PARAMETERS = 64;

    private final ObjectReader json;

    public TokenRequestParser(ObjectMapper mapper) {
        this.json = mapper.readerFor(JsonNode.class).with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public TokenRequest parse(MediaType contentType, String body) {
        if (contentType == null) {
            throw unsupportedMediaType();
        }
        String payload = body == null ? "" : body;
        if (contentType.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)) {
            return new TokenRequest(form(payload));
        }
        if (contentType.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            return new TokenRequest(json(payload));
        }
        throw unsupportedMediaType();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> parameters = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            add(parameters, seen, name, value);
        }
        return parameters;
    }

    private Map<String, String> json(String body) {
        if (body.isBlank()) {
            throw OAuthException.invalidRequest("The request body is empty");
        }
        JsonNode root;
        try {
            root = json.readValue(body);
        } catch (JsonProcessingException e) {
            // Duplicate keys land here too (STRICT_DUPLICATE_DETECTION).
            throw OAuthException.invalidRequest("The request body is not valid JSON or repeats a parameter");
        }
        if (root == null || !root.isObject()) {
            throw OAuthException.invalidRequest("The request body must be a JSON object");
        }
        Map<String, String> parameters = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw OAuthException.invalidRequest("Parameter " + safeName(field.getKey()) + " must be a string");
            }
            // Numbers and booleans are taken as their text; null counts as omitted.
            add(parameters, seen, field.getKey(), value.isNull() ? "" : value.asText());
        }
        return parameters;
    }

    private static void add(Map<String, String> parameters, Set<String> seen, String name, String value) {
        if (!seen.add(name)) {
            throw OAuthException.invalidRequest("Parameter " + safeName(name) + " is repeated");
        }
        if (seen.size() > MAX_PARAMETERS) {
            throw OAuthException.invalidRequest("Too many parameters");
        }
        if (!value.isEmpty()) {
            parameters.put(name, value);
        }
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("The form body is not valid application/x-www-form-urlencoded");
        }
    }

    /** Parameter names are echoed in descriptions only when they look like parameter names. */
    private static String safeName(String name) {
        return name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unnamed)";
    }

    private static OAuthException unsupportedMediaType() {
        return new OAuthException(OAuthError.UNSUPPORTED_MEDIA_TYPE,
                "Send application/x-www-form-urlencoded or application/json");
    }
}
