package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./run-local.sh --help} answers at once on a fresh clone: it used to build the whole project (minutes) before
 * printing the usage. Run here on a copy of the script and the usage text with no jar built, and with an {@code mvn}
 * on the PATH that records being called and fails.
 */
class RunLocalScriptTest {

    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String USAGE = "local-edge/src/main/resources/org/gatehouse/edge/usage.txt";

    @Test
    void helpWhenNothingBuiltThenUsagePrintedWithoutBuilding(@TempDir Path clone) throws Exception {
        Files.copy(REPO.resolve("run-local.sh"), clone.resolve("run-local.sh"));
        Files.createDirectories(clone.resolve(USAGE).getParent());
        Files.copy(REPO.resolve(USAGE), clone.resolve(USAGE));
        Path bin = Files.createDirectories(clone.resolve("bin"));
        Path mvnCalled = clone.resolve("mvn-called");
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch '" + mvnCalled + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder builder = new ProcessBuilder("bash", clone.resolve("run-local.sh").toString(), "--help")
                .redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "run-local.sh --help did not return");

        assertEquals(0, process.exitValue(), output);
        assertFalse(Files.exists(mvnCalled), "--help started a build");
        assertTrue(output.startsWith("Usage: "), output);
        for (String option : new String[] {"--port ", "--port-base", "--host", "--public-url", "--repo-dir",
                "--ready-timeout", "--help"}) {
            assertTrue(output.contains(option), option + " missing from:\n" + output);
        }
        assertFalse(output.contains("%s"), output);
    }
}
