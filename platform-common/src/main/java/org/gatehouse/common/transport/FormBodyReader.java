package org.gatehouse.common.transport;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import org.gatehouse.common.error.UnacceptableCharacters;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Reads a whole {@code application/x-www-form-urlencoded} body into its fields for an endpoint that takes them as a
 * {@code MultivaluedMap} (the authorization endpoint's POST, the consent forms). Quarkus REST's own reader splits each
 * field at every {@code =}, so {@code state=a=b} came out as {@code state=a}: a value may hold a raw {@code =} (only
 * {@code &} ends it, and what a client sends unencoded must come back to it unchanged), so a field is split at its
 * first {@code =} only, as the URL Standard's form parser does. The body's text was already judged by
 * {@link RequestCharacters}, so every escape here decodes.
 *
 * @see <a href="https://url.spec.whatwg.org/#urlencoded-parsing">URL Standard, application/x-www-form-urlencoded parsing</a>
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class FormBodyReader implements MessageBodyReader<MultivaluedMap<String, String>> {

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return MultivaluedMap.class.equals(type);
    }

    @Override
    public MultivaluedMap<String, String> readFrom(Class<MultivaluedMap<String, String>> type, Type genericType,
                                                   Annotation[] annotations, MediaType mediaType,
                                                   MultivaluedMap<String, String> headers, InputStream body)
            throws IOException {
        String charsetName = mediaType == null ? null : mediaType.getParameters().get(MediaType.CHARSET_PARAMETER);
        Charset charset = charsetName == null ? StandardCharsets.UTF_8 : Charset.forName(charsetName.trim());
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        // The raw body is ASCII once percent-encoded; ISO-8859-1 keeps any other byte as it is for the decoder.
        String form = new String(body.readAllBytes(), StandardCharsets.ISO_8859_1);
        for (String field : form.split("&")) {
            if (field.isEmpty()) {
                continue;
            }
            int equals = field.indexOf('=');
            String name = equals < 0 ? field : field.substring(0, equals);
            String value = equals < 0 ? "" : field.substring(equals + 1);
            fields.add(decode(name, charset), decode(value, charset));
        }
        return fields;
    }

    /** Percent-decoded in the body's charset, {@code +} as a space; bytes sent raw are read in that charset too. */
    private static String decode(String raw, Charset charset) {
        String bytesAsText = new String(raw.getBytes(StandardCharsets.ISO_8859_1), charset);
        try {
            return URLDecoder.decode(bytesAsText, charset);
        } catch (IllegalArgumentException brokenEscape) {
            throw new UnacceptableCharacters("The form body is not correctly percent-encoded");
        }
    }
}
