package org.gatehouse.registration.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Runs a {@link TestJwksServer} for the whole test run and points quarkus-oidc at it. */
public class TestJwksResource implements QuarkusTestResourceLifecycleManager {

    private TestJwksServer server;

    @Override
    public Map<String, String> start() {
        server = new TestJwksServer(TestJwksServer.freePort()).start();
        return Map.of("quarkus.oidc.auth-server-url", server.baseUrl());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
