package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the descriptive and capability metadata of RFC 7591 §2 other than redirect URIs and scopes:
 * {@code client_name}, the website ({@code client_uri}; Mastodon's {@code website}), {@code grant_types}
 * and {@code token_endpoint_auth_method}. Failures are {@code invalid_client_metadata} (RFC 7591 §3.2.2).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 §2</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-3.2.2">RFC 7591 §3.2.2</a>
 */
@ApplicationScoped
public class ClientMetadataValidator {

    private final int maxNameLength;
    private final int maxUriLength;

    @Inject
    public ClientMetadataValidator(RegistrationConfig config) {
        this(config.limits().maxClientNameLength(), config.limits().maxUriLength());
    }

    public ClientMetadataValidator(int maxNameLength, int maxUriLength) {
        this.maxNameLength = maxNameLength;
        this.maxUriLength = maxUriLength;
    }

    /** The trimmed name; it is shown to users on the consent page, so it must be plain printable text. */
    public String clientName(String clientName) {
        return clientName("client_name", clientName);
    }

    /** As {@link #clientName(String)}, naming the field as the request calls it ({@code name} for developer apps). */
    public String clientName(String field, String clientName) {
        String name = clientName == null ? "" : clientName.strip();
        if (name.isEmpty()) {
            throw invalid(field + " is required");
        }
        if (name.length() > maxNameLength) {
            throw invalid(field + " must be at most " + maxNameLength + " characters long");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw invalid(field + " must not contain control characters");
        }
        return name;
    }

    /** The website as given, or {@code null} when absent or blank; otherwise an absolute http(s) URL. */
    public String website(String website) {
        if (website == null || website.isBlank()) {
            return null;
        }
        String url = website.strip();
        if (url.length() > maxUriLength) {
            throw invalid("website must be at most " + maxUriLength + " characters long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid("website must be a valid http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("website must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid("website must not contain user information");
        }
        return url;
    }

    /** The grant types, duplicates dropped; each must be one the platform serves for a secret-holding client. */
    public List<String> grantTypes(Collection<String> grantTypes) {
        return subsetOf(grantTypes, ClientMetadata.SECRET_CLIENT_GRANT_TYPES, "grant type");
    }

    public List<String> tokenEndpointAuthMethods(Collection<String> methods) {
        return subsetOf(methods, ClientMetadata.SECRET_AUTH_METHODS, "token endpoint authentication method");
    }

    private static List<String> subsetOf(Collection<String> values, List<String> supported, String what) {
        if (values == null || values.isEmpty()) {
            throw invalid("At least one " + what + " is required");
        }
        Set<String> accepted = new LinkedHashSet<>();
        for (String value : values) {
            if (!supported.contains(value)) {
                throw invalid("Unsupported " + what + "; supported: " + String.join(", ", supported));
            }
            accepted.add(value);
        }
        return List.copyOf(accepted);
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(OAuthError.INVALID_CLIENT_METADATA, description);
    }
}
