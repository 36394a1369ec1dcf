package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the launcher runs a packaged service: its JVM and options, and its working directory. */
class ServiceCommandTest {

    @TempDir
    Path dir;

    @Test
    void javaCommandThenLaunchersJavaThenOptionsInOrderThenJar() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));

        List<String> command = ServiceProcess.javaCommand(List.of("-Xmx64m", "-XX:+UseSerialGC"), jar);

        assertEquals(List.of("-Xmx64m", "-XX:+UseSerialGC", "-jar", jar.toString()), command.subList(1, command.size()));
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
    }

    @Test
    void startRunsTheProcessInItsWorkingDirectory() throws Exception {
        Path appDir = Files.createDirectory(dir.resolve("quarkus-app"));
        Path log = dir.resolve("pwd.log");
        ServiceProcess process = new ServiceProcess("pwd", "127.0.0.1", 1, List.of("pwd", "-P"), Map.of(), appDir, log);

        process.start();
        ProcessHandle handle = process.handle().orElseThrow();
        handle.onExit().get(10, TimeUnit.SECONDS);

        assertEquals(appDir.toRealPath().toString(), Files.readString(log).strip());
    }
}
