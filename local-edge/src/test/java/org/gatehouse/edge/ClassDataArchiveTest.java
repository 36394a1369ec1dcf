package org.gatehouse.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a service trains its class-data archive, when it uses it, and what survives a stop. */
class ClassDataArchiveTest {

    private static final String RUNTIME = "17.0.15+6-Debian-1deb12u1";

    @TempDir
    Path dir;

    @Test
    void jvmOptionsWhenNoArchiveThenTrainsIntoTemporaryFileWithDumpWarningsOff() throws Exception {
        Path jar = jar(1_000);

        ClassDataArchive archive = ClassDataArchive.of(jar, RUNTIME);

        Path training = dir.resolve("gatehouse-" + RUNTIME + ".jsa." + ProcessHandle.current().pid() + ".tmp");
        assertEquals(List.of("-XX:ArchiveClassesAtExit=" + training, "-Xlog:cds=off"),
                archive.jvmOptions(List.of("-Xmx64m")));
        assertTrue(archive.training());
        assertEquals(dir.resolve("gatehouse-" + RUNTIME + ".jsa"), archive.path());
    }

    @Test
    void jvmOptionsWhenArchiveNewerThanJarThenUsesIt() throws Exception {
        Path jar = jar(1_000);
        Path trained = archiveFile(RUNTIME, 2_000);

        ClassDataArchive archive = ClassDataArchive.of(jar, RUNTIME);

        assertEquals(List.of("-XX:SharedArchiveFile=" + trained), archive.jvmOptions(List.of()));
        assertFalse(archive.training());
    }

    @Test
    void jvmOptionsWhenJarRebuiltAfterArchiveThenTrainsAgain() throws Exception {
        archiveFile(RUNTIME, 1_000);
        Path jar = jar(2_000);

        ClassDataArchive archive = ClassDataArchive.of(jar, RUNTIME);

        assertTrue(archive.training());
        assertTrue(archive.jvmOptions(List.of()).get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void jvmOptionsWhenArchiveOfAnotherRuntimeThenTrainsItsOwn() throws Exception {
        Path jar = jar(1_000);
        archiveFile("21.0.4+7", 2_000);

        assertTrue(ClassDataArchive.of(jar, RUNTIME).training());
    }

    @Test
    void jvmOptionsWhenServiceOptionsChooseSharingThenAddsNothing() throws Exception {
        Path jar = jar(1_000);
        archiveFile(RUNTIME, 2_000);
        ClassDataArchive trained = ClassDataArchive.of(jar, RUNTIME);
        ClassDataArchive untrained = ClassDataArchive.of(jar, "other");

        for (String own : List.of("-Xshare:off", "-XX:SharedArchiveFile=/opt/app.jsa", "-XX:ArchiveClassesAtExit=x")) {
            assertEquals(List.of(), trained.jvmOptions(List.of("-Xmx64m", own)), own);
            assertEquals(List.of(), untrained.jvmOptions(List.of(own, "-Xmx64m")), own);
        }
    }

    @Test
    void ofWhenRuntimeVersionHasPathCharactersThenFileNameStaysInJarDirectory() throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(jar(1_000), "17/../evil 1");

        assertEquals(dir.resolve("gatehouse-17_.._evil_1.jsa"), archive.path());
    }

    @Test
    void keepIfCompleteWhenReadyAndStoppedGracefullyThenArchiveMovedIntoPlaceAndUsedNextRun() throws Exception {
        Path jar = jar(1_000);
        ClassDataArchive archive = ClassDataArchive.of(jar, RUNTIME);
        Path training = trainingFile(archive);
        Files.writeString(training, "archive bytes");

        assertTrue(archive.keepIfComplete(true, true));

        assertFalse(Files.exists(training));
        assertEquals("archive bytes", Files.readString(archive.path()));
        assertFalse(ClassDataArchive.of(jar, RUNTIME).training());
    }

    @Test
    void keepIfCompleteWhenKilledOrNeverReadyOrEmptyThenDropsWhatWasWritten() throws Exception {
        Path jar = jar(1_000);
        boolean[][] outcomes = {{true, false}, {false, true}, {true, true}};
        for (boolean[] outcome : outcomes) {
            ClassDataArchive archive = ClassDataArchive.of(jar, RUNTIME);
            Path training = trainingFile(archive);
            boolean empty = outcome[0] && outcome[1];
            Files.writeString(training, empty ? "" : "partial");

            assertFalse(archive.keepIfComplete(outcome[0], outcome[1]));

            assertFalse(Files.exists(training));
            assertFalse(Files.exists(archive.path()));
        }
    }

    @Test
    void keepIfCompleteWhenServiceWroteNothingThenKeepsNothing() throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(jar(1_000), RUNTIME);

        assertFalse(archive.keepIfComplete(true, true));
        assertFalse(Files.exists(archive.path()));
    }

    @Test
    void ofWhenTemporaryArchiveOfAGoneLauncherThenDeletedAndOfARunningOneKept() throws Exception {
        Path jar = jar(1_000);
        String prefix = "gatehouse-" + RUNTIME + ".jsa.";
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Path abandoned = Files.writeString(dir.resolve(prefix + gone.pid() + ".tmp"), "half");
        Path running = Files.writeString(dir.resolve(prefix + ProcessHandle.current().pid() + ".tmp"), "busy");
        Path unrelated = Files.writeString(dir.resolve("notes.tmp"), "mine");

        ClassDataArchive.of(jar, RUNTIME);

        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(running));
        assertTrue(Files.exists(unrelated));
    }

    @Test
    void forgetIfRefusedWhenLogHasJvmRefusalThenArchiveDeletedAndNextRunTrains() throws Exception {
        Path jar = jar(1_000);
        Path trained = archiveFile(RUNTIME, 2_000);
        Path log = Files.writeString(dir.resolve("service.log"), "[0.070s][warning][cds,dynamic] Unable to use "
                + "shared archive. The top archive failed to load: " + trained + "\nservice started\n");

        assertTrue(ClassDataArchive.of(jar, RUNTIME).forgetIfRefused(log));

        assertFalse(Files.exists(trained));
        assertTrue(ClassDataArchive.of(jar, RUNTIME).training());
    }

    @Test
    void forgetIfRefusedWhenLogIsCleanOrArchiveWasBeingTrainedThenKeepsEverything() throws Exception {
        Path jar = jar(1_000);
        Path log = Files.writeString(dir.resolve("service.log"), "service started\n");
        Path trained = archiveFile(RUNTIME, 2_000);

        assertFalse(ClassDataArchive.of(jar, RUNTIME).forgetIfRefused(log));
        assertFalse(ClassDataArchive.of(jar, RUNTIME).forgetIfRefused(dir.resolve("no-such.log")));
        Files.writeString(log, ClassDataArchive.JVM_REFUSAL);
        assertFalse(ClassDataArchive.of(jar, "other").forgetIfRefused(log), "a training run has no archive to forget");

        assertTrue(Files.exists(trained));
    }

    /** The options as a real JVM takes them: the training run writes an archive, the next run loads from it. */
    @Test
    void jvmOptionsWhenRunByThisJvmThenTrainingWritesArchiveAndNextRunLoadsClassesFromIt() throws Exception {
        Path jar = helloJar();
        ClassDataArchive training = ClassDataArchive.of(jar);

        Run first = run(training.jvmOptions(List.of()), jar);
        assertEquals(0, first.exitCode, first.output);
        assertFalse(first.output.contains("[cds]"), "dump warnings are off: " + first.output);
        assertTrue(training.keepIfComplete(true, true));

        ClassDataArchive trained = ClassDataArchive.of(jar);
        assertFalse(trained.training());
        List<String> options = new ArrayList<>(trained.jvmOptions(List.of()));
        options.addAll(List.of("-Xshare:on", "-Xlog:class+load=info"));
        Run second = run(options, jar);
        assertEquals(0, second.exitCode, second.output);
        assertTrue(second.output.contains(Hello.class.getName() + " source: shared objects file (top)"),
                second.output);
    }

    /** A checkout moved after training: the JVM refuses the archive (it names the jar's old path), and it goes. */
    @Test
    void forgetIfRefusedWhenRealJvmRefusedArchiveOfMovedJarThenDeleted() throws Exception {
        Path jar = helloJar();
        ClassDataArchive training = ClassDataArchive.of(jar);
        assertEquals(0, run(training.jvmOptions(List.of()), jar).exitCode);
        assertTrue(training.keepIfComplete(true, true));
        Path moved = Files.createDirectory(dir.resolve("moved"));
        Path movedJar = moved.resolve(jar.getFileName());
        Files.copy(jar, movedJar, StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(training.path(), moved.resolve(training.path().getFileName()),
                StandardCopyOption.COPY_ATTRIBUTES);
        ClassDataArchive copied = ClassDataArchive.of(movedJar);
        assertFalse(copied.training());

        Run refused = run(copied.jvmOptions(List.of()), movedJar);
        assertEquals(0, refused.exitCode, refused.output);
        Path log = Files.writeString(moved.resolve("service.log"), refused.output);

        assertTrue(copied.forgetIfRefused(log), refused.output);
        assertFalse(Files.exists(copied.path()));
        assertTrue(ClassDataArchive.of(movedJar).training());
    }

    /** Main class of the jar the real-JVM test trains an archive for. */
    public static final class Hello {
        public static void main(String[] args) {
            System.out.println("hello");
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(List<String> jvmOptions, Path jar) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ServiceProcess.javaCommand(jvmOptions, jar))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java did not exit");
        return new Run(process.exitValue(), output);
    }

    private Path helloJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Hello.class.getName());
        String entry = Hello.class.getName().replace('.', '/') + ".class";
        Path jar = dir.resolve("hello.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             var bytes = Hello.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            bytes.transferTo(out);
            out.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        return jar;
    }

    private Path jar(long modifiedSeconds) throws IOException {
        return touched(dir.resolve("quarkus-run.jar"), modifiedSeconds);
    }

    private Path archiveFile(String runtime, long modifiedSeconds) throws IOException {
        return touched(dir.resolve("gatehouse-" + runtime + ".jsa"), modifiedSeconds);
    }

    private static Path trainingFile(ClassDataArchive archive) {
        String option = archive.jvmOptions(List.of()).get(0);
        return Path.of(option.substring(option.indexOf('=') + 1));
    }

    private static Path touched(Path file, long modifiedSeconds) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(modifiedSeconds * 1_000));
        return file;
    }
}
