package org.gatehouse.common.servicejwt;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InternalApiFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/internal", "/internal/clients/x", "//internal/clients/x", "/internal//clients",
            "/%69nternal/clients", "/%2Finternal/clients", "/internal%2Fclients/x", "/internal;v=1/clients",
            "/INTERNAL/clients", "/Internal/clients", "/./internal/clients", "/public/../internal/clients",
            "/public/%2E%2E/internal/clients", "/%2569nternal/clients", "/\\internal/clients"})
    void readsAsInternalWhenAnySpellingOfInternalThenTrue(String rawPath) {
        assertTrue(InternalApiFilter.readsAsInternal(rawPath), rawPath);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/oauth/token", "/internals", "/api/internal/x", "/internal-docs", "/%zz/internal",
            "/internal/../oauth/token"})
    void readsAsInternalWhenPublicPathThenFalse(String rawPath) {
        assertFalse(InternalApiFilter.readsAsInternal(rawPath), rawPath);
    }

    @Path("/internal/things")
    @InternalApi(callers = ServiceNames.TOKEN)
    static class Things {
        @GET
        public String list() {
            return "";
        }

        @GET
        @Path("/{id}")
        @InternalApi(callers = {ServiceNames.RESOURCE, ServiceNames.AUTHORIZATION})
        public String one() {
            return "";
        }
    }

    @Path("/internal/undeclared")
    static class Undeclared {
        @GET
        public String list() {
            return "";
        }
    }

    @Path("/oauth/public")
    static class Public {
        @GET
        public String list() {
            return "";
        }
    }

    @Test
    void allowedCallersWhenMethodDeclaresItsOwnThenTheyReplaceTheClassOnes() throws Exception {
        assertEquals(Optional.of(Set.of(ServiceNames.TOKEN)),
                InternalApiFilter.allowedCallers(Things.class.getMethod("list"), Things.class));
        assertEquals(Optional.of(Set.of(ServiceNames.RESOURCE, ServiceNames.AUTHORIZATION)),
                InternalApiFilter.allowedCallers(Things.class.getMethod("one"), Things.class));
    }

    @Test
    void allowedCallersWhenInternalResourceDeclaresNoneThenNobody() throws Exception {
        assertEquals(Optional.of(Set.of()),
                InternalApiFilter.allowedCallers(Undeclared.class.getMethod("list"), Undeclared.class));
    }

    @Test
    void allowedCallersWhenPublicResourceThenNotInternal() throws Exception {
        assertEquals(Optional.empty(), InternalApiFilter.allowedCallers(Public.class.getMethod("list"), Public.class));
    }
}
