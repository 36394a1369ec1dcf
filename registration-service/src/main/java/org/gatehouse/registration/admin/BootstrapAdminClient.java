package org.gatehouse.registration.admin;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.registration.client.ClientMetadata;
import org.gatehouse.registration.client.ClientSecretIssuer;
import org.gatehouse.registration.repository.Client;
import org.gatehouse.registration.repository.ClientRepository;
import org.gatehouse.registration.repository.ClientSecret;
import org.gatehouse.registration.repository.ClientSecretRepository;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The operator's first admin client, from {@code GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID} and
 * {@code GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET}: a confidential {@code client_credentials} client
 * ({@code client_secret_basic}) holding {@code admin:read admin:write}, created at start when absent. Operator-granted
 * scopes live where every client's scopes live (the client row), the one place token-service reads them from; open
 * registration can never put them there. A client that already exists is never changed: a different secret in the
 * environment is reported and the stored one kept, so a redeployed value cannot silently take over an admin client.
 * Replicas starting together serialise on an advisory lock; the unique client_id backs it up.
 */
@ApplicationScoped
public class BootstrapAdminClient {

    /** Scopes the bootstrap client holds. */
    public static final List<String> SCOPES = List.of("admin:read", "admin:write");
    static final String CLIENT_NAME = "Gatehouse bootstrap admin";

    /** Key of the transaction-scoped advisory lock (any constant unique to this task). */
    private static final long BOOTSTRAP_LOCK = 0x6761746562746164L;
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final int MIN_SECRET_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(BootstrapAdminClient.class);

    private final ClientRepository clients;
    private final ClientSecretRepository secrets;
    private final AuditLog audit;
    private final Optional<String> clientId;
    private final Optional<String> clientSecret;

    public BootstrapAdminClient(ClientRepository clients, ClientSecretRepository secrets, AuditLog audit,
                                @ConfigProperty(name = "gatehouse.bootstrap.admin-client-id")
                                Optional<String> clientId,
                                @ConfigProperty(name = "gatehouse.bootstrap.admin-client-secret")
                                Optional<String> clientSecret) {
        this.clients = clients;
        this.secrets = secrets;
        this.audit = audit;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    void onStart(@Observes StartupEvent event) {
        if (clientId.isEmpty() && clientSecret.isEmpty()) {
            return;
        }
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new IllegalStateException("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID and "
                    + "GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET must be set together");
        }
        ensure(clientId.get(), clientSecret.get());
    }

    /**
     * Creates the admin client when no client has this id; otherwise leaves it as stored.
     *
     * @return whether it was created
     * @throws IllegalStateException for an id or secret unfit for an admin client (the service does not start)
     */
    @Transactional
    public boolean ensure(String id, String secret) {
        if (!CLIENT_ID.matcher(id).matches()) {
            throw new IllegalStateException("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_ID must be 1-100 characters of"
                    + " A-Z a-z 0-9 . _ ~ -");
        }
        if (secret.length() < MIN_SECRET_LENGTH || !secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalStateException("GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET must be at least "
                    + MIN_SECRET_LENGTH + " printable ASCII characters without spaces");
        }
        clients.lockAdvisory(BOOTSTRAP_LOCK);
        Optional<Client> existing = clients.findByClientId(id);
        Instant now = Instant.now();
        if (existing.isPresent()) {
            boolean sameSecret = secrets.activeHashes(existing.get(), now).stream()
                    .anyMatch(hash -> ClientSecretIssuer.matches(secret, hash));
            if (!sameSecret) {
                LOG.warnf("Bootstrap admin client %s already exists with another secret; keeping the stored one"
                        + " (GATEHOUSE_BOOTSTRAP_ADMIN_CLIENT_SECRET is ignored)", id);
            }
            if (!existing.get().getScopes().containsAll(SCOPES)) {
                LOG.warnf("Bootstrap admin client %s already exists without %s; left as it is", id, SCOPES);
            }
            return false;
        }
        Client client = new Client(id, CLIENT_NAME, null, List.of(), SCOPES,
                List.of(ClientMetadata.CLIENT_CREDENTIALS), List.of(ClientMetadata.CLIENT_SECRET_BASIC), now);
        clients.persist(client);
        secrets.persist(new ClientSecret(client, ClientSecretIssuer.hash(secret), now, null));
        LOG.infof("Created bootstrap admin client %s with scopes %s", id, SCOPES);
        audit.record("client.created", "success", Map.of("client_id", id, "via", "bootstrap", "actor", "operator"));
        return true;
    }
}
