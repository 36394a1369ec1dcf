package org.gatehouse.common.audit;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.Map;
import java.util.TreeMap;

/**
 * Security-relevant events (logins, consents, tokens, clients, API keys) as one structured log line each on the
 * {@code gatehouse.audit} category — JSON fields in production via MDC — and a Micrometer counter
 * {@code gatehouse_audit_events_total{event,outcome}} for dashboards and alerts. Callers pass identifiers only:
 * never a secret, password, token or key.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("gatehouse.audit");

    private final MeterRegistry meters;

    public AuditLog(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param event   what happened, e.g. {@code login}, {@code consent.granted}, {@code token.issued}
     * @param outcome {@code success}, {@code failure}, {@code denied}...
     * @param fields  identifiers such as user_id, client_id, ip (values are logged as given)
     */
    public void record(String event, String outcome, Map<String, String> fields) {
        meters.counter("gatehouse.audit.events", "event", event, "outcome", outcome).increment();
        Map<String, String> sorted = new TreeMap<>(fields);
        sorted.forEach((key, value) -> MDC.put("audit." + key, value == null ? "" : value));
        try {
            LOG.infof("audit event=%s outcome=%s %s", event, outcome, format(sorted));
        } finally {
            sorted.keySet().forEach(key -> MDC.remove("audit." + key));
        }
    }

    private static String format(Map<String, String> fields) {
        StringBuilder line = new StringBuilder();
        fields.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
        return line.toString().trim();
    }
}
