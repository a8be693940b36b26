package org.misbridge.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.LoggerFactory;

/**
 * The karaf.log of the host a Pax Exam test runs in, read from inside it (testkit's KarafLog reads a
 * KarafHost's from outside) as an operator reads it: rolled files included,
 * waited for rather than read once (a line is written by another thread), and, when a line never
 * comes, a failure that says whether the log is still being written at all and shows its end.
 */
final class ContainerLog {

    private ContainerLog() {
    }

    static Path dir() {
        return Path.of(System.getProperty("karaf.data"), "log");
    }

    /** karaf.log with any rolled karaf.log.N before it, oldest first. */
    static String read() {
        try (Stream<Path> files = Files.list(dir())) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().startsWith("karaf.log"))
                    .sorted(Comparator.comparingInt(ContainerLog::age).reversed()).toList();
            StringBuilder all = new StringBuilder();
            for (Path p : logs) {
                all.append(Files.readString(p, StandardCharsets.UTF_8));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // karaf.log is the newest (0); karaf.log.N is N rolls old
    private static int age(Path p) {
        String name = p.getFileName().toString();
        return name.equals("karaf.log") ? 0 : Integer.parseInt(name.substring("karaf.log.".length()));
    }

    /** Waits until every part is in the log, failing with what is missing and the state of the log. */
    static String awaitContains(Duration atMost, String... parts) {
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> missing(read(), parts).isEmpty());
            return read();
        } catch (ConditionTimeoutException e) {
            String log = read();
            throw new AssertionError("not in karaf.log after " + atMost + ": " + missing(log, parts) + "\n" + state(log));
        }
    }

    private static List<String> missing(String log, String... parts) {
        return Arrays.stream(parts).filter(p -> !log.contains(p)).toList();
    }

    /** Whether a line logged now reaches karaf.log within {@code atMost}. */
    static boolean reaches(Duration atMost) {
        String marker = "itest marker " + UUID.randomUUID();
        LoggerFactory.getLogger(ContainerLog.class).warn(marker);
        try {
            Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> read().contains(marker));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Whether a line logged now reaches the file, the files and their sizes, and the log's last lines. */
    private static String state(String log) {
        boolean written = reaches(Duration.ofSeconds(10));
        String files;
        try (Stream<Path> list = Files.list(dir())) {
            files = list.map(p -> p.getFileName() + " " + p.toFile().length() + " bytes").sorted().collect(Collectors.joining(", "));
        } catch (IOException e) {
            files = e.toString();
        }
        List<String> lines = log.lines().toList();
        return "a line logged now " + (written ? "reaches" : "does NOT reach") + " karaf.log; files: " + files + "; "
                + lines.size() + " lines, the last 40:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
