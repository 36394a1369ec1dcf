package org.gatehouse.registration.testing;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import org.gatehouse.registration.account.PasswordHasher;
import org.gatehouse.registration.config.RegistrationConfig;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real hasher, recording which stored hash each password was verified against (the user-enumeration test
 * compares the Argon2id work done for unknown accounts and wrong passwords). A singleton: a normal-scoped subclass
 * would need a no-args constructor the superclass does not have.
 */
@Alternative
@Priority(1)
@Unremovable
@Singleton
public class CountingPasswordHasher extends PasswordHasher {

    private final Map<String, List<String>> verifiedAgainst = new ConcurrentHashMap<>();

    public CountingPasswordHasher(RegistrationConfig config, MeterRegistry meters) {
        super(config, meters);
    }

    @Override
    public boolean verify(String password, String encoded, long deadlineNanos) {
        boolean right = super.verify(password, encoded, deadlineNanos);
        // Recorded once the check ran: one refused for want of a hashing slot did no Argon2id work.
        if (password != null) {
            verifiedAgainst.computeIfAbsent(password, p -> new CopyOnWriteArrayList<>()).add(String.valueOf(encoded));
        }
        return right;
    }

    /** The stored hashes (PHC strings) {@code password} was verified against, in order. */
    public List<String> verificationsOf(String password) {
        return List.copyOf(verifiedAgainst.getOrDefault(password, List.of()));
    }
}
