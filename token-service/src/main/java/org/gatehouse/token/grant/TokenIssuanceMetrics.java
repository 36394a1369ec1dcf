package org.gatehouse.token.grant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens issued, per grant: {@code gatehouse_tokens_issued_total{grant_type}}. The grant types are the fixed set this
 * service implements, registered at zero up front so a rate is defined before the first token of each.
 */
@Startup
@ApplicationScoped
public class TokenIssuanceMetrics {

    static final String NAME = "gatehouse.tokens.issued";
    /** The first-party user credential API ({@code POST /authenticate}), which is not a token-endpoint grant. */
    public static final String USER_CREDENTIALS = "user_credentials";
    static final List<String> GRANT_TYPES = List.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.CLIENT_CREDENTIALS,
            GrantTypes.REFRESH_TOKEN, USER_CREDENTIALS);

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public TokenIssuanceMetrics(MeterRegistry meters) {
        for (String grantType : GRANT_TYPES) {
            counters.put(grantType, Counter.builder(NAME)
                    .description("Tokens issued (an access token with whatever came with it), by grant type")
                    .tag("grant_type", grantType)
                    .register(meters));
        }
    }

    /** One token response issued under {@code grantType}, one of {@link #GRANT_TYPES}. */
    public void issued(String grantType) {
        Counter counter = counters.get(grantType);
        if (counter == null) {
            throw new IllegalArgumentException("Not a grant type this service issues under: " + grantType);
        }
        counter.increment();
    }
}
