package org.gatehouse.common.transport;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormBodyReaderTest {

    /** Quarkus REST's own reader split at every '=': {@code state=a=b} was read as {@code state=a}. */
    @Test
    void readFromWhenValueHoldsRawEqualsSignsThenSplitAtTheFirstOnly() throws IOException {
        MultivaluedMap<String, String> form = read("state=a=b==c&nonce==x&scope=openid", null);
        assertEquals(List.of("a=b==c"), form.get("state"));
        assertEquals(List.of("=x"), form.get("nonce"));
        assertEquals(List.of("openid"), form.get("scope"));
    }

    @Test
    void readFromWhenEncodedRepeatedOrEmptyThenDecodedInOrder() throws IOException {
        MultivaluedMap<String, String> form = read("a=x%2By+z%3D&a=2&flag&empty=&&caf%C3%A9=%C3%A9", null);
        assertEquals(List.of("x+y z=", "2"), form.get("a"));
        assertEquals(List.of(""), form.get("flag"));
        assertEquals(List.of(""), form.get("empty"));
        assertEquals(List.of("é"), form.get("café"));
        assertEquals(4, form.size());
    }

    @Test
    void readFromWhenCharsetDeclaredThenEscapesDecodedInIt() throws IOException {
        MultivaluedMap<String, String> form = read("name=caf%E9", "ISO-8859-1");
        assertEquals(List.of("café"), form.get("name"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MultivaluedMap<String, String> read(String body, String charset) throws IOException {
        MediaType type = charset == null ? MediaType.APPLICATION_FORM_URLENCODED_TYPE
                : MediaType.valueOf("application/x-www-form-urlencoded; charset=" + charset);
        return new FormBodyReader().readFrom((Class) MultivaluedMap.class, MultivaluedMap.class, null, type, null,
                new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)));
    }
}
