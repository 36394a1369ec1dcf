package org.gatehouse.registration.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.AccountRepository;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Checks a password for the login page (by username) and the credential API (by {@code user_key}). An unknown
 * account costs the same Argon2id work as a wrong password (a dummy hash is verified), so neither the answer nor
 * its timing tells whether the account exists. Passwords over {@link PasswordPolicy#MAX_LENGTH} are refused before
 * any hashing: no account can have one.
 *
 * <p>Every check is first reserved in the {@link LoginThrottle} under the account's normalised user name, whichever
 * way it was named (an unknown name counts under its own normalised form, an unknown key under itself, so a lockout
 * does not tell whether the account exists either), and under the client IP the caller reports. Before that, the
 * check must be {@link LoginThrottle#enter admitted}: a check of an account that already has as many in flight as
 * allowed is refused at once, and a check that finds no free hashing slot by the check queue timeout after its
 * arrival is refused too.
 */
@ApplicationScoped
public class AccountAuthenticator {

    private static final Logger LOG = Logger.getLogger(AccountAuthenticator.class);
    /** Longer than any username or user key that can exist; refused without a lookup. */
    private static final int MAX_IDENTIFIER_LENGTH = AccountValidator.MAX_EMAIL;

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public AccountAuthenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    /**
     * @param clientIp the address the sign-in came from, as the calling service saw it; null when it did not say
     * @throws org.gatehouse.common.error.OAuthException 429 when the account or the IP has used up its attempts, or
     *                                                   the check could not get a hashing slot in time
     */
    public Optional<RegisteredAccount> byUsername(String username, String password, String clientIp) {
        return authenticate(username, password, true, clientIp);
    }

    /** As {@link #byUsername}, naming the account by its {@code user_key}. */
    public Optional<RegisteredAccount> byUserKey(String userKey, String password, String clientIp) {
        return authenticate(userKey, password, false, clientIp);
    }

    private Optional<RegisteredAccount> authenticate(String identifier, String password, boolean byUsername,
                                                     String clientIp) {
        if (password == null || password.isEmpty() || PasswordPolicy.tooLong(password)) {
            return Optional.empty();
        }
        // The slot wait ends a fixed time after the check's arrival, however long the reservation took.
        long deadline = hasher.checkDeadline();
        boolean lookedUp = identifier != null && !identifier.isEmpty() && identifier.length() <= MAX_IDENTIFIER_LENGTH;
        // A name is its own account key: the check is admitted before the lookup, so a burst's excess costs no query.
        LoginThrottle.InFlight admitted = byUsername ? throttle.enter(accountKey(identifier, true, Optional.empty()))
                : null;
        try {
            // The lookup commits before the hashing: a read outside a transaction would hold its connection until
            // the request ends, through the Argon2id work, and concurrent logins would exhaust the pool.
            Optional<Account> account = !lookedUp ? Optional.empty()
                    : QuarkusTransaction.requiringNew().call(() ->
                            byUsername ? accounts.findByUsername(identifier) : accounts.findByUserKey(identifier));
            String accountKey = accountKey(identifier, byUsername, account);
            if (admitted == null) {
                admitted = throttle.enter(accountKey);
            }
            return check(account, accountKey, password, clientIp, deadline);
        } finally {
            if (admitted != null) {
                admitted.close();
            }
        }
    }

    private Optional<RegisteredAccount> check(Optional<Account> account, String accountKey, String password,
                                              String clientIp, long deadline) {
        LoginThrottle.Reservation reservation = throttle.reserve(accountKey, clientIp);
        boolean right;
        try {
            right = account.isEmpty() ? hasher.verifyDummy(password, deadline)
                    : hasher.verify(password, account.get().getPasswordHash(), deadline);
        } catch (OAuthException busy) {
            throttle.notChecked(reservation);
            throw busy;
        }
        if (!right) {
            return Optional.empty();
        }
        throttle.succeeded(reservation);
        Account found = account.get();
        if (hasher.needsRehash(found.getPasswordHash())) {
            upgradeHash(found, password);
        }
        return Optional.of(RegisteredAccount.of(found));
    }

    /** The one name an account's attempts count under, whether it was named by user name or user key. */
    private static String accountKey(String identifier, boolean byUsername, Optional<Account> account) {
        if (account.isPresent()) {
            return "name:" + Account.key(account.get().getUsername());
        }
        String typed = identifier == null ? "" : identifier;
        return byUsername ? "name:" + Account.key(typed) : "user_key:" + typed;
    }

    /** The password is known right now, and only now: the moment to move its hash to today's parameters. */
    private void upgradeHash(Account account, String password) {
        String upgraded = hasher.hash(password);
        try {
            QuarkusTransaction.requiringNew().run(() ->
                    accounts.update("passwordHash = ?1 where id = ?2", upgraded, account.getId()));
        } catch (RuntimeException e) {
            // The login itself succeeded; the next one will try again.
            LOG.warnf("Could not upgrade the password hash of account %s: %s", account.getId(), e.getMessage());
        }
    }
}
