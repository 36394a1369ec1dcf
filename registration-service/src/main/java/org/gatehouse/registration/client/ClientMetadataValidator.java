package org.gatehouse.registration.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.config.RegistrationConfig;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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

    static final int MAX_CONTACTS = 20;
    static final int MAX_TEXT_LENGTH = 255;

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
        if (DisplayText.isDisguised(name)) {
            throw invalid(field + DisplayText.REFUSED);
        }
        return name;
    }

    /** The website as given, or {@code null} when absent or blank; otherwise an absolute http(s) URL. */
    public String website(String website) {
        return httpUrl("website", website);
    }

    /**
     * A URL shown to users or fetched by browsers ({@code client_uri}, {@code logo_uri}, {@code tos_uri},
     * {@code policy_uri}, Mastodon's {@code website}): {@code null} when absent or blank; otherwise {@link HttpUrl}'s
     * rule, at most the configured length.
     */
    public String httpUrl(String field, String value) {
        try {
            return HttpUrl.check(field, value, maxUriLength);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * RFC 7591 §2 {@code contacts}: "ways to contact people responsible for this client, typically email addresses".
     * Each a non-blank printable string of at most {@value #MAX_TEXT_LENGTH} characters; at most
     * {@value #MAX_CONTACTS}; duplicates dropped.
     */
    public List<String> contacts(Collection<String> contacts) {
        if (contacts == null || contacts.isEmpty()) {
            return List.of();
        }
        if (contacts.size() > MAX_CONTACTS) {
            throw invalid("At most " + MAX_CONTACTS + " contacts may be registered");
        }
        Set<String> accepted = new LinkedHashSet<>();
        for (String contact : contacts) {
            String value = text("contacts", contact);
            if (value == null) {
                throw invalid("contacts must not contain empty values");
            }
            accepted.add(value);
        }
        return List.copyOf(accepted);
    }

    /**
     * A short free-text value such as {@code software_id} or {@code software_version}: {@code null} when absent or
     * blank, otherwise trimmed, printable, at most {@value #MAX_TEXT_LENGTH} characters.
     */
    public String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(field + " values must be at most " + MAX_TEXT_LENGTH + " characters long");
        }
        if (DisplayText.isDisguised(text)) {
            throw invalid(field + DisplayText.REFUSED);
        }
        return text;
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
