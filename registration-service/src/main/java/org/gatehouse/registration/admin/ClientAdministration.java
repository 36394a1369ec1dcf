package org.gatehouse.registration.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.client.ClientChanged;
import org.gatehouse.registration.client.ClientConfiguration;
import org.gatehouse.registration.client.ClientMetadata;
import org.gatehouse.registration.client.ClientMetadataValidator;
import org.gatehouse.registration.client.DynamicClientInformation;
import org.gatehouse.registration.client.DynamicClientRegistrar;
import org.gatehouse.registration.client.RedirectUriValidator;
import org.gatehouse.registration.client.ScopeValidator;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an operator does to clients through the admin API. Metadata goes through the validators of the registration
 * paths (one set of rules); only scopes differ: an operator may grant the operator-granted ones. Every change is an
 * audit event naming the operator, and drops the client from the lookup caches as it commits ({@link ClientChanged}).
 */
@ApplicationScoped
public class ClientAdministration {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final int MAX_QUERY_LENGTH = 100;

    private final ClientRepository clients;
    private final DynamicClientRegistrar registrar;
    private final ClientConfiguration configuration;
    private final ClientMetadataValidator metadataValidator;
    private final RedirectUriValidator redirectUriValidator;
    private final ScopeValidator scopeValidator;
    private final Event<ClientChanged> changes;
    private final AuditLog audit;

    public ClientAdministration(ClientRepository clients, DynamicClientRegistrar registrar,
                                ClientConfiguration configuration, ClientMetadataValidator metadataValidator,
                                RedirectUriValidator redirectUriValidator, ScopeValidator scopeValidator,
                                Event<ClientChanged> changes, AuditLog audit) {
        this.clients = clients;
        this.registrar = registrar;
        this.configuration = configuration;
        this.metadataValidator = metadataValidator;
        this.redirectUriValidator = redirectUriValidator;
        this.scopeValidator = scopeValidator;
        this.changes = changes;
        this.audit = audit;
    }

    /** One page of clients in (created_at, client_id) order after {@code cursor}, matching {@code q} when given. */
    @Transactional
    public Page list(String q, String limit, String cursor) {
        int size = limit(limit);
        Cursor after = Cursor.decode(cursor);
        String pattern = "%" + like(query(q)) + "%";
        List<Client> found = clients.find("(createdAt > ?1 or (createdAt = ?1 and clientId > ?2))"
                        + " and (lower(clientId) like ?3 escape '!' or lower(clientName) like ?3 escape '!')"
                        + " order by createdAt, clientId",
                after.createdAt(), after.clientId(), pattern)
                .page(0, size + 1).list();
        List<AdminClientView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(size, found.size()); i++) {
            items.add(AdminClientView.of(found.get(i)));
        }
        String next = found.size() > size ? Cursor.of(found.get(size - 1)).encode() : null;
        return new Page(items, next);
    }

    @Transactional
    public AdminClientView get(String clientId) {
        return AdminClientView.of(find(clientId, false));
    }

    /** RFC 7591 metadata through the dynamic registration path; the secret is in the answer only. */
    @Transactional
    public AdminClientView create(ClientMetadata metadata, Map<String, String> actor) {
        DynamicClientInformation created = registrar.register(metadata);
        Client client = find(created.client().clientId(), false);
        audit.record("admin.client.created", "success", with(actor, client.getClientId()));
        return AdminClientView.of(client, created.clientSecret());
    }

    @Transactional
    public AdminClientView update(String clientId, AdminClientPatch patch, Map<String, String> actor) {
        if (patch == null) {
            throw OAuthException.invalidRequest("The body must be a JSON object");
        }
        Client client = find(clientId, true);
        // Everything is validated before anything is set, so a refused change leaves the client as it was.
        String name = patch.clientName() == null ? null : metadataValidator.clientName(patch.clientName());
        List<String> redirectUris = patch.redirectUris() == null ? null
                : redirectUriValidator.validateFor(patch.redirectUris(), client.getGrantTypes());
        List<String> scopes = patch.scopes() == null ? null : scopeValidator.validateByOperator(patch.scopes());
        Map<String, String> fields = with(actor, clientId);
        List<String> changed = new ArrayList<>();
        if (name != null) {
            client.setClientName(name);
            changed.add("client_name");
        }
        if (redirectUris != null) {
            client.setRedirectUris(redirectUris);
            changed.add("redirect_uris");
        }
        if (scopes != null) {
            client.setScopes(scopes);
            changed.add("scopes");
        }
        if (patch.disabled() != null && patch.disabled() != client.isDisabled()) {
            client.setDisabled(patch.disabled());
            changed.add("disabled");
            audit.record(patch.disabled() ? "admin.client.disabled" : "admin.client.enabled", "success", fields);
        }
        fields.put("changed", String.join(",", changed));
        audit.record("admin.client.updated", "success", fields);
        changes.fire(new ClientChanged(clientId));
        return AdminClientView.of(client);
    }

    @Transactional
    public void delete(String clientId, Map<String, String> actor) {
        find(clientId, true);
        clients.deleteByClientId(clientId);
        audit.record("admin.client.deleted", "success", with(actor, clientId));
        changes.fire(new ClientChanged(clientId));
    }

    @Transactional
    public String rotateSecret(String clientId, Map<String, String> actor) {
        Client client = find(clientId, true);
        Map<String, String> fields = with(actor, clientId);
        fields.put("via", "admin_api");
        return configuration.rotateSecret(client, fields);
    }

    private Client find(String clientId, boolean forUpdate) {
        Optional<Client> client = clientId == null || clientId.isEmpty() ? Optional.empty()
                : forUpdate ? clients.findByClientIdForUpdate(clientId) : clients.findByClientId(clientId);
        return client.orElseThrow(() -> new OAuthException(OAuthError.NOT_FOUND,
                "No client is registered with this client_id"));
    }

    private static Map<String, String> with(Map<String, String> actor, String clientId) {
        Map<String, String> fields = new HashMap<>(actor);
        fields.put("client_id", clientId);
        return fields;
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Refused below.
        }
        throw OAuthException.invalidRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String query(String q) {
        if (q == null) {
            return "";
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw OAuthException.invalidRequest("q must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        return q.toLowerCase(java.util.Locale.ROOT);
    }

    /** Escapes LIKE's wildcards (escape character {@code !}), so q matches literally. */
    private static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    public record Page(List<AdminClientView> items, String nextCursor) {
    }

    /** Position after a client in list order; opaque to callers (base64url of "seconds.nanos client_id"). */
    record Cursor(Instant createdAt, String clientId) {

        private static final Cursor START = new Cursor(Instant.EPOCH.minusSeconds(1), "");

        static Cursor of(Client client) {
            return new Cursor(client.getCreatedAt(), client.getClientId());
        }

        String encode() {
            String text = createdAt.getEpochSecond() + "." + createdAt.getNano() + " " + clientId;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return START;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int space = text.indexOf(' ');
                String[] time = text.substring(0, space).split("\\.");
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1])),
                        text.substring(space + 1));
            } catch (RuntimeException e) {
                throw OAuthException.invalidRequest("cursor is not a cursor this API returned");
            }
        }
    }
}
