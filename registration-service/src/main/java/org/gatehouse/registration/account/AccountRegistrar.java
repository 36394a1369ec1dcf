package org.gatehouse.registration.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.audit.AuditLog;
import org.gatehouse.common.error.OAuthError;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.AccountRepository;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Creates accounts, for the sign-up page and {@code POST /register} alike (one account model: the same username and
 * password log in everywhere). The fields are validated, the password checked against {@link PasswordPolicy} and
 * hashed outside any transaction (hashing takes tens of milliseconds and must not hold a database connection),
 * then the account is inserted. Uniqueness is the database's job: of concurrent sign-ups for one username exactly
 * one insert passes the unique index, and the others' constraint violations become 409 {@code conflict}.
 */
@ApplicationScoped
public class AccountRegistrar {

    private static final Logger LOG = Logger.getLogger(AccountRegistrar.class);

    private final AccountValidator validator;
    private final PasswordPolicy passwordPolicy;
    private final PasswordHasher hasher;
    private final UserKeyIssuer userKeys;
    private final AccountRepository accounts;
    private final AuditLog audit;

    public AccountRegistrar(AccountValidator validator, PasswordPolicy passwordPolicy, PasswordHasher hasher,
                            UserKeyIssuer userKeys, AccountRepository accounts, AuditLog audit) {
        this.audit = audit;
        this.validator = validator;
        this.passwordPolicy = passwordPolicy;
        this.hasher = hasher;
        this.userKeys = userKeys;
        this.accounts = accounts;
    }

    /**
     * @param usernameField the request's name for the username, for messages ({@code user_id} or {@code username})
     * @param passwordField the request's name for the password ({@code user_secret} or {@code password})
     * @throws OAuthException {@code invalid_request} (400) for a field or the password policy, {@code conflict}
     *                        (409) when the username or email is taken
     */
    public RegisteredAccount register(NewAccount request, String usernameField, String passwordField) {
        String username = validator.username(usernameField, request.username());
        passwordPolicy.check(passwordField, request.password(), username);
        String email = validator.email(username, request.email());
        String displayName = validator.displayName(request.displayName(), username);
        // Spares the hash for the common case; a concurrent sign-up that slips past is caught by the unique index.
        // In a transaction of its own: a read outside one keeps its connection until the request ends, i.e. through
        // the hash below, and 50 concurrent sign-ups then exhausted the pool (503 instead of 409).
        QuarkusTransaction.requiringNew().run(() -> {
            if (accounts.usernameTaken(username)) {
                throw usernameTaken();
            }
            if (email != null && accounts.emailTaken(email)) {
                throw emailTaken();
            }
        });

        String passwordHash = hasher.hash(request.password());
        Account account = new Account(username, email, displayName, passwordHash, userKeys.issue(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                accounts.persist(account);
                accounts.flush();
            });
        } catch (RuntimeException e) {
            throw translate(e);
        }
        LOG.infof("Registered account %s (%s)", account.getId(), username);
        audit.record("account.created", "success", Map.of("user_id", account.getId().toString()));
        return RegisteredAccount.of(account);
    }

    private static RuntimeException translate(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation) {
                String constraint = violation.getConstraintName() == null ? "" : violation.getConstraintName();
                if (constraint.contains(AccountRepository.USERNAME_UNIQUE)) {
                    return usernameTaken();
                }
                if (constraint.contains(AccountRepository.EMAIL_UNIQUE)) {
                    return emailTaken();
                }
            }
        }
        return e;
    }

    private static OAuthException usernameTaken() {
        return new OAuthException(OAuthError.CONFLICT, "This username is already taken");
    }

    private static OAuthException emailTaken() {
        return new OAuthException(OAuthError.CONFLICT, "An account with this email address already exists");
    }
}
