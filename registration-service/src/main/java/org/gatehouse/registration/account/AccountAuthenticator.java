package org.gatehouse.registration.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.gatehouse.common.error.OAuthException;
import org.gatehouse.registration.repository.Account;
import org.gatehouse.registration.repository.AccountRepository;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

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
 * allowed is refused at once.
 *
 * <p>A check is answered within its {@link PasswordHasher.CheckDeadline}, counted from its arrival, whatever the
 * machine's load: one that finds no free hashing slot by {@code slotBy}, or whose hash has not finished by
 * {@code answerBy}, is answered 429 and counts against nobody. The callers' timeouts are longer, so a slow check never
 * reaches a user as 503. A hash that overran finishes in the background, still holding its slot and the account's
 * admission, and its result is dropped.
 */
@ApplicationScoped
public class AccountAuthenticator {

    private static final Logger LOG = Logger.getLogger(AccountAuthenticator.class);
    /** Longer than any username or user key that can exist; refused without a lookup. */
    private static final int MAX_IDENTIFIER_LENGTH = AccountValidator.MAX_EMAIL;

    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    /**
     * Runs the hashes, so a request stops waiting for one at its deadline. A thread per check in flight: their number
     * is bounded by the requests being served and, past their deadline, by the hashing slots they hold or wait for
     * (at most {@code check-queue-timeout} each).
     */
    private final ExecutorService hashing;

    public AccountAuthenticator(AccountRepository accounts, PasswordHasher hasher, LoginThrottle throttle) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.throttle = throttle;
        AtomicInteger threads = new AtomicInteger();
        this.hashing = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "password-check-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        hashing.shutdownNow();
    }

    /**
     * @param clientIp the address the sign-in came from, as the calling service saw it; null when it did not say
     * @throws org.gatehouse.common.error.OAuthException 429 when the account or the IP has used up its attempts, or
     *                                                   the check could not be done in time
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
        // Both deadlines count from the check's arrival, however long the lookup and the reservation take.
        PasswordHasher.CheckDeadline deadline = hasher.checkDeadline();
        boolean lookedUp = identifier != null && !identifier.isEmpty() && identifier.length() <= MAX_IDENTIFIER_LENGTH;
        // A name is its own account key: the check is admitted before the lookup, so a burst's excess costs no query.
        LoginThrottle.InFlight admitted = byUsername ? throttle.enter(accountKey(identifier, true, Optional.empty()))
                : null;
        CompletableFuture<Boolean> hash = null;
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
            LoginThrottle.Reservation reservation = throttle.reserve(accountKey, clientIp);
            if (System.nanoTime() - deadline.answerBy() >= 0) {
                throttle.notChecked(reservation);
                throw PasswordHasher.busy();
            }
            hash = startHash(account, password, deadline);
            if (!awaitHash(hash, deadline, reservation)) {
                return Optional.empty();
            }
            throttle.succeeded(reservation);
            Account found = account.get();
            if (hasher.needsRehash(found.getPasswordHash())) {
                upgradeHashInBackground(found, password);
            }
            return Optional.of(RegisteredAccount.of(found));
        } finally {
            if (admitted != null) {
                // The account's admission lasts as long as its hash, which may outlive this answer.
                LoginThrottle.InFlight done = admitted;
                if (hash == null) {
                    done.close();
                } else {
                    hash.whenComplete((right, failure) -> done.close());
                }
            }
        }
    }

    private CompletableFuture<Boolean> startHash(Optional<Account> account, String password,
                                                 PasswordHasher.CheckDeadline deadline) {
        try {
            return CompletableFuture.supplyAsync(() -> account.isEmpty()
                    ? hasher.verifyDummy(password, deadline.slotBy())
                    : hasher.verify(password, account.get().getPasswordHash(), deadline.slotBy()), hashing);
        } catch (RejectedExecutionException shuttingDown) {
            throw PasswordHasher.busy();
        }
    }

    /** Whether the password was right, once its hash is done; 429 (attempt given back) when not done in time. */
    private boolean awaitHash(CompletableFuture<Boolean> hash, PasswordHasher.CheckDeadline deadline,
                              LoginThrottle.Reservation reservation) {
        try {
            return hash.get(Math.max(0, deadline.answerBy() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException overran) {
            throttle.notChecked(reservation);
            LOG.debug("A password check overran its deadline; answered 429, its hash finishes in the background");
            throw PasswordHasher.busy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throttle.notChecked(reservation);
            throw PasswordHasher.busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OAuthException noSlot) {
                throttle.notChecked(reservation);
                throw noSlot;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("Password check failed", e.getCause());
        }
    }

    /** The one name an account's attempts count under, whether it was named by user name or user key. */
    private static String accountKey(String identifier, boolean byUsername, Optional<Account> account) {
        if (account.isPresent()) {
            return "name:" + Account.key(account.get().getUsername());
        }
        String typed = identifier == null ? "" : identifier;
        return byUsername ? "name:" + Account.key(typed) : "user_key:" + typed;
    }

    /**
     * The password is known right now, and only now: the moment to move its hash to today's parameters. After the
     * answer, and only with a hashing slot free at once, so it never delays or fails a sign-in nor takes a slot from
     * a check; when none is free, the next sign-in does it.
     */
    private void upgradeHashInBackground(Account account, String password) {
        try {
            hashing.execute(() -> {
                Optional<String> upgraded = hasher.hashIfSlotFree(password);
                if (upgraded.isEmpty()) {
                    LOG.debugf("No hashing slot free to upgrade the password hash of account %s; next sign-in",
                            account.getId());
                    return;
                }
                try {
                    QuarkusTransaction.requiringNew().run(() ->
                            accounts.update("passwordHash = ?1 where id = ?2", upgraded.get(), account.getId()));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not upgrade the password hash of account %s: %s", account.getId(), e.getMessage());
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("Shutting down: the password hash is upgraded at the next sign-in");
        }
    }
}
