package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the launcher runs a packaged service: its JVM, its class-data archive when the build made one, its directory. */
class ServiceCommandTest {

    @TempDir
    Path dir;

    @Test
    void javaCommandWithArchiveBesideJarThenSharedArchiveFileBeforeJar() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));
        Path archive = Files.createFile(dir.resolve("app-cds.jsa"));

        List<String> command = ServiceProcess.javaCommand(List.of("-Xmx64m"), jar);

        assertEquals(List.of("-Xmx64m", "-XX:SharedArchiveFile=" + archive, "-jar", jar.toString()),
                command.subList(1, command.size()));
        assertTrue(command.get(0).endsWith("/bin/java"), command.get(0));
    }

    @Test
    void javaCommandWithoutArchiveThenNoSharedArchiveFile() throws Exception {
        Path jar = Files.createFile(dir.resolve("quarkus-run.jar"));

        List<String> command = ServiceProcess.javaCommand(List.of(), jar);

        assertFalse(command.stream().anyMatch(arg -> arg.startsWith("-XX:SharedArchiveFile")), command.toString());
        assertEquals(List.of("-jar", jar.toString()), command.subList(1, command.size()));
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
