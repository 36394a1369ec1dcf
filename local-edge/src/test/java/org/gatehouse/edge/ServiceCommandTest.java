package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command the launcher runs a packaged service with: its own JVM, the options in order, then the jar. */
class ServiceCommandTest {

    @TempDir
    Path dir;

    @Test
    void javaCommandThenLaunchersJavaThenOptionsInOrderThenJar() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));

        List<String> command = ServiceProcess.javaCommand(List.of("-Xmx64m", "-XX:+UseSerialGC"), jar);

        assertEquals(List.of("-Dvertx.disableURIValidation=true", "-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                command.subList(1, command.size()));
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
    }
}
