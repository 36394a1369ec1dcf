package org.gatehouse.edge;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The PKCS#12 key store the edge serves TLS with: the operator's own ({@code GATEHOUSE_TLS_KEYSTORE} and
 * {@code GATEHOUSE_TLS_KEYSTORE_PASSWORD}), or a self-signed certificate made once by the JDK's {@code keytool} in
 * {@code .local-run/edge-tls.p12} for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the public URL's host, and
 * kept across restarts so a browser's exception for it keeps holding.
 */
public record EdgeCertificate(Path keyStore, String password) {

    static final String GENERATED = "edge-tls.p12";

    /** The operator's key store if one is configured, else the generated one (made on first use). */
    public static EdgeCertificate resolve(Map<String, String> env, Path stateDir, String publicUrl)
            throws IOException, LaunchException {
        String given = env.get("GATEHOUSE_TLS_KEYSTORE");
        if (given != null && !given.isBlank()) {
            Path store = Path.of(given).toAbsolutePath();
            if (!Files.isReadable(store)) {
                throw new LaunchException("GATEHOUSE_TLS_KEYSTORE " + store + " is not a readable file");
            }
            return new EdgeCertificate(store, env.getOrDefault("GATEHOUSE_TLS_KEYSTORE_PASSWORD", ""));
        }
        Path store = stateDir.resolve(GENERATED);
        Path passwordFile = stateDir.resolve(GENERATED + ".password");
        if (Files.isRegularFile(store) && Files.isRegularFile(passwordFile)) {
            return new EdgeCertificate(store, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(stateDir);
        Files.deleteIfExists(store);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        ServiceKeyring.restrictToOwner(passwordFile);
        generate(store, password, URI.create(publicUrl).getHost());
        ServiceKeyring.restrictToOwner(store);
        return new EdgeCertificate(store, password);
    }

    private static void generate(Path store, String password, String publicHost) throws IOException, LaunchException {
        Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
        if (publicHost != null && !publicHost.isBlank()) {
            String host = publicHost.startsWith("[") ? publicHost.substring(1, publicHost.length() - 1) : publicHost;
            names.add((host.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ':') ? "ip:" : "dns:")
                    + host);
        }
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "gatehouse-edge",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "825",
                "-dname", "CN=Gatehouse local edge", "-ext", "SAN=" + String.join(",", names),
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password, "-keypass", password)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(store)) {
                throw new LaunchException("keytool could not make the edge's TLS certificate: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException("Interrupted while making the edge's TLS certificate");
        }
    }
}
