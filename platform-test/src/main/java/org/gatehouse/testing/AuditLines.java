package org.gatehouse.testing;

import org.jboss.logmanager.ExtLogRecord;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Captures what {@code gatehouse.audit} logs while open: each line with its MDC fields, as the JSON log would hold. */
public final class AuditLines extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("gatehouse.audit");
    private final List<String> lines = new CopyOnWriteArrayList<>();

    public static AuditLines capture() {
        AuditLines capture = new AuditLines();
        capture.logger.addHandler(capture);
        return capture;
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        String mdc = record instanceof ExtLogRecord ext ? ext.getMdcCopy().toString() : "";
        lines.add(message + " " + mdc);
    }

    /** Every captured line (message and MDC) naming the event. */
    public List<String> of(String event) {
        return lines.stream().filter(line -> line.contains("event=" + event + " ")).toList();
    }

    public String all() {
        return String.join("\n", lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
