package org.misbridge.testkit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The karaf.log of a {@link KarafHost}, read while the host writes it. */
public final class KarafLog {

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2},\\d{3}) ");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

    private final Path file;

    KarafLog(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    @Override
    public String toString() {
        return file.toString();
    }

    public long size() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /** Waits for a line of karaf.log, written after {@code from} bytes, that passes {@code test}; returns it. */
    public String await(long from, Predicate<String> test, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long position = from;
        StringBuilder partial = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
                    if (f.length() > position) {
                        f.seek(position);
                        byte[] bytes = new byte[(int) (f.length() - position)];
                        f.readFully(bytes);
                        position = f.length();
                        partial.append(new String(bytes, StandardCharsets.UTF_8));
                        int nl;
                        while ((nl = partial.indexOf("\n")) >= 0) {
                            String line = partial.substring(0, nl);
                            partial.delete(0, nl + 1);
                            if (test.test(line)) {
                                return line;
                            }
                        }
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no matching line in " + file + " within " + timeout);
    }

    /** How many lines of the host's log contain {@code text}. */
    public long count(String text) throws IOException {
        return lines(text).size();
    }

    /** When the first log line containing {@code text} was written after {@code after}. */
    public Optional<Instant> first(String text, Instant after) throws IOException {
        return lines(text).stream().map(KarafLog::time).flatMap(Optional::stream).filter(t -> t.isAfter(after)).findFirst();
    }

    /** Log lines with one of these words, for a failure's evidence. */
    public List<String> lines(String... words) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> Stream.of(words).anyMatch(l::contains)).toList();
        }
    }

    private static Optional<Instant> time(String line) {
        Matcher m = LOG_TIME.matcher(line);
        // the host logs in this machine's zone, as this JVM does
        return m.find() ? Optional.of(LocalDateTime.parse(m.group(1), LOG_FORMAT).atZone(ZoneId.systemDefault()).toInstant())
                : Optional.empty();
    }
}
