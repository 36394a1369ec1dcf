package org.gatehouse.common.error;

import org.junit.jupiter.api.Test;

import java.io.UnsupportedEncodingException;
import java.nio.charset.UnsupportedCharsetException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MalformedEncodingTest {

    @Test
    void isCauseWhenUnknownCharsetThenTrue() {
        assertTrue(MalformedEncoding.isCause(new RuntimeException(new UnsupportedEncodingException("nonsense"))));
        assertTrue(MalformedEncoding.isCause(new UnsupportedCharsetException("nonsense")));
    }

    @Test
    void isCauseWhenRestLayerPercentDecoderThrowsThenTrue() {
        IllegalArgumentException decoding = new IllegalArgumentException("Failed to decode URL %%%% to ISO-8859-1");
        decoding.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "org.jboss.resteasy.reactive.common.util.URLUtils", "failedToDecodeURL", "URLUtils.java", 221)});
        assertTrue(MalformedEncoding.isCause(decoding));
        assertEquals(400, new ErrorMappers().unexpected(decoding).getStatus());
    }

    @Test
    void isCauseWhenJdkUrlDecoderThrowsThenTrue() {
        IllegalArgumentException decoding = assertThrows(IllegalArgumentException.class,
                () -> java.net.URLDecoder.decode("%%", java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(MalformedEncoding.isCause(new RuntimeException(decoding)));
        assertEquals(400, new ErrorMappers().unexpected(decoding).getStatus());
    }

    @Test
    void isCauseWhenOurOwnIllegalArgumentThenFalse() {
        // An IllegalArgumentException of the application is a bug to fix, not the client's encoding.
        assertFalse(MalformedEncoding.isCause(new IllegalArgumentException("bug")));
        assertEquals(500, new ErrorMappers().unexpected(new IllegalArgumentException("bug")).getStatus());
    }
}
