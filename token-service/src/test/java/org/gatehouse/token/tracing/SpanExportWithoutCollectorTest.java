package org.gatehouse.token.tracing;

import io.quarkus.test.junit.QuarkusTest;
import org.gatehouse.token.support.OAuthRequests;
import org.gatehouse.token.support.TestClients;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With no OTLP endpoint configured, spans are made (see {@link TracePropagationTest}) but never sent: Quarkus' own
 * exporter would send each batch to its default {@code localhost:4317}, where nothing listens in a pod, and log each
 * failure. platform-common's {@code SpanExportWithoutCollector} leaves that exporter out.
 */
@QuarkusTest
class SpanExportWithoutCollectorTest {

    @Test
    void exportWhenNoEndpointConfiguredThenNothingConnectsToTheDefaultCollectorPort() throws Exception {
        ServerSocket collector;
        try {
            collector = new ServerSocket(4317, 50, InetAddress.getByName("127.0.0.1"));
        } catch (BindException taken) {
            assumeTrue(false, "port 4317 is in use on this machine");
            return;
        }
        AtomicInteger connections = new AtomicInteger();
        Thread acceptor = new Thread(() -> {
            while (!collector.isClosed()) {
                try (Socket ignored = collector.accept()) {
                    connections.incrementAndGet();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "collector-4317");
        acceptor.setDaemon(true);
        acceptor.start();
        try (collector) {
            for (int i = 0; i < 3; i++) {
                OAuthRequests.as(TestClients.BASIC_ID, TestClients.BASIC_SECRET)
                        .formParam("grant_type", "client_credentials")
                        .post("/oauth/token").then().statusCode(200);
            }
            // Several export intervals (quarkus.otel.bsp.schedule.delay in the test profile).
            Thread.sleep(1500);
            assertEquals(0, connections.get(), "connections to the default OTLP port");
        }
    }
}
