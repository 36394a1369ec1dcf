package org.gatehouse.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A service's class-data archive, trained by the local run itself: the first run of a build starts each service
 * with {@code -XX:ArchiveClassesAtExit}, so the JVM writes every class the service loaded (about three quarters of
 * them; generated and hidden classes cannot be archived) when it stops; later runs map that archive instead of
 * parsing and verifying those classes again. Four services starting together on two cores are CPU-bound: this took
 * them from 18-20 to 15-17 s, compile thresholds ×3 (LaunchOptions) to about 13 s (bench/observations.md).
 *
 * <p>The archive lives beside {@code quarkus-run.jar} and is named after the Java runtime that made it, because a
 * JVM refuses an archive from another build of itself; one older than the jar belongs to an earlier build and is
 * trained again. The JVM writes to a temporary name that is moved into place only after the service became ready
 * and stopped on its own (SIGTERM), so a run killed during the write leaves no truncated archive behind. An archive
 * the JVM refuses anyway (the checkout moved: it names the jar by its path) is deleted, and the next run trains again.
 */
public final class ClassDataArchive {

    static final String TEMPORARY_SUFFIX = ".tmp";
    /** HotSpot's warning when it cannot map the archive it was given ({@code [warning][cds,dynamic]}). */
    static final String JVM_REFUSAL = "Unable to use shared archive";

    private final Path archive;
    private final Path training;
    private final boolean trained;

    private ClassDataArchive(Path archive, Path training, boolean trained) {
        this.archive = archive;
        this.training = training;
        this.trained = trained;
    }

    /** The archive for the packaged service {@code jar}, run on the Java runtime {@code runtimeVersion}. */
    public static ClassDataArchive of(Path jar, String runtimeVersion) throws IOException {
        Path archive = jar.resolveSibling("gatehouse-" + runtimeVersion.replaceAll("[^A-Za-z0-9._+-]", "_") + ".jsa");
        boolean trained = Files.isRegularFile(archive)
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        Path training = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid()
                + TEMPORARY_SUFFIX);
        deleteAbandonedTrainings(archive);
        return new ClassDataArchive(archive, training, trained);
    }

    /** The archive for {@code jar} on the JVM running this launcher (which also runs the services). */
    public static ClassDataArchive of(Path jar) throws IOException {
        return of(jar, Runtime.version().toString());
    }

    /**
     * The options that use or train the archive, or none when the service's own JVM options already choose how
     * class data is shared (so an operator's {@code -Xshare:off} or own archive is left alone).
     */
    public List<String> jvmOptions(List<String> serviceJvmOptions) {
        if (serviceJvmOptions.stream().anyMatch(ClassDataArchive::choosesClassDataSharing)) {
            return List.of();
        }
        if (trained) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        // The dump logs one [cds] warning per class it cannot archive (thousands): keep them out of the service log.
        return List.of("-XX:ArchiveClassesAtExit=" + training, "-Xlog:cds=off");
    }

    /** Whether this run writes the archive when the service stops. */
    public boolean training() {
        return !trained;
    }

    public Path path() {
        return archive;
    }

    /**
     * After the service stopped: moves the archive it wrote into place, if it stopped on its own after a complete
     * start; otherwise drops what it wrote. Returns whether an archive was kept.
     */
    public boolean keepIfComplete(boolean wasReady, boolean stoppedGracefully) throws IOException {
        if (trained || !Files.isRegularFile(training)) {
            return false;
        }
        if (!wasReady || !stoppedGracefully || Files.size(training) == 0) {
            Files.deleteIfExists(training);
            return false;
        }
        Files.move(training, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }

    /**
     * After the service started with the archive: if the JVM refused it (the checkout moved, or the service's JVM
     * options changed how objects are laid out), deletes it so that the next run trains a new one. The JVM says so in
     * one warning line at the top of the service's output. Returns whether it was refused.
     */
    public boolean forgetIfRefused(Path serviceLog) throws IOException {
        if (!trained || !Files.isRegularFile(serviceLog)) {
            return false;
        }
        boolean refused;
        try (var lines = Files.lines(serviceLog, StandardCharsets.UTF_8)) {
            refused = lines.anyMatch(line -> line.contains(JVM_REFUSAL));
        }
        if (refused) {
            Files.deleteIfExists(archive);
        }
        return refused;
    }

    private static boolean choosesClassDataSharing(String option) {
        return option.startsWith("-Xshare") || option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:ArchiveClassesAtExit");
    }

    /** Temporary archives of launchers that are gone (killed while their services were writing); best effort. */
    private static void deleteAbandonedTrainings(Path archive) {
        String prefix = archive.getFileName() + ".";
        try (DirectoryStream<Path> files = Files.newDirectoryStream(archive.getParent(),
                prefix + "*" + TEMPORARY_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String pid = name.substring(prefix.length(), name.length() - TEMPORARY_SUFFIX.length());
                boolean owned = !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(pid)).isPresent();
                if (!owned) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException unreadableOrReadOnly) {
            // A read-only checkout cannot hold an archive either; the services start without one.
        }
    }
}
