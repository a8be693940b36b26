package org.misbridge.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One copy of the built assembly run as its own process outside Pax Exam, the way an operator runs a
 * host: unpacked, configured through etc/, started with {@code bin/karaf daemon} (which execs the
 * JVM, so the process is the JVM and {@link #kill} is a {@code kill -9} of the host).
 */
final class KarafHost {

    private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2},\\d{3}) ");
    private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss,SSS");

    final String nodeId;
    final Path home;
    private Process process;
    private int sshPort;
    private int httpPort;

    private KarafHost(String nodeId, Path home) {
        this.nodeId = nodeId;
        this.home = home;
    }

    /** Unpacks the assembly's tar.gz into {@code work/nodeId}. */
    static KarafHost unpack(Path assembly, Path work, String nodeId) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(nodeId));
        Process tar = new ProcessBuilder("tar", "xzf", assembly.toString(), "-C", dir.toString()).inheritIO().start();
        if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IOException("unpacking " + assembly + " into " + dir + " failed");
        }
        try (Stream<Path> top = Files.list(dir)) {
            Path home = top.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException(assembly + " holds no folder"));
            return new KarafHost(nodeId, home.toAbsolutePath());
        }
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Sets {@code key = value} in an etc/ file (added when the key is absent), as an operator editing it would. */
    void put(String file, String key, String value) throws IOException {
        Path path = etc().resolve(file);
        List<String> lines = Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*[=:].*$");
        boolean found = false;
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            if (line.matcher(l).matches()) {
                out.append(key).append(" = ").append(value).append('\n');
                found = true;
            } else {
                out.append(l).append('\n');
            }
        }
        if (!found) {
            out.append(key).append(" = ").append(value).append('\n');
        }
        Files.writeString(path, out, StandardCharsets.UTF_8);
    }

    /** Replaces an etc/ file whole. */
    void write(String file, Map<String, String> properties) throws IOException {
        StringBuilder out = new StringBuilder();
        properties.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(etc().resolve(file), out, StandardCharsets.UTF_8);
    }

    void delete(String file) throws IOException {
        Files.deleteIfExists(etc().resolve(file));
    }

    /** Free ports for ssh, JMX and HTTP (the /misbridge endpoints): another host (or the demo) may hold the defaults. */
    void freePorts() throws IOException {
        sshPort = freePort();
        httpPort = freePort();
        put("org.apache.karaf.shell.cfg", "sshPort", Integer.toString(sshPort));
        put("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", Integer.toString(httpPort));
        put("org.apache.karaf.management.cfg", "rmiRegistryPort", Integer.toString(freePort()));
        put("org.apache.karaf.management.cfg", "rmiServerPort", Integer.toString(freePort()));
    }

    /** The SSH port {@link #freePorts} chose (bin/client connects to it). */
    int sshPort() {
        return sshPort;
    }

    /** The HTTP port {@link #freePorts} chose. */
    int httpPort() {
        return httpPort;
    }

    /** Deletes a folder and everything in it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.out").toFile());
        pb.environment().put("JAVA_MAX_MEM", "512M");
        process = pb.start();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the host's JVM: no shutdown hook, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A normal stop (SIGTERM), waiting for the JVM to end; a kill if it does not. */
    void stop() throws InterruptedException {
        if (!alive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Moves a finished file into etc/ in one step, as README asks operators to. */
    void drop(Path staged) throws IOException {
        Path tmp = etc().resolve("." + staged.getFileName() + ".tmp");
        Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, etc().resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** How many lines of the host's log contain {@code text}. */
    long logCount(String text) throws IOException {
        if (!Files.exists(log())) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /** When the first log line containing {@code text} was written after {@code after}. */
    Optional<Instant> firstLogged(String text, Instant after) throws IOException {
        if (!Files.exists(log())) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).map(KarafHost::time).flatMap(Optional::stream)
                    .filter(t -> t.isAfter(after)).findFirst();
        }
    }

    /** Log lines with one of these words, for a failure's evidence. */
    List<String> logLines(String... words) throws IOException {
        if (!Files.exists(log())) {
            return List.of();
        }
        try (Stream<String> lines = Files.lines(log(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> Stream.of(words).anyMatch(l::contains)).toList();
        }
    }

    private static Optional<Instant> time(String line) {
        Matcher m = LOG_TIME.matcher(line);
        // the host logs in this machine's zone, as this JVM does
        return m.find() ? Optional.of(LocalDateTime.parse(m.group(1), LOG_FORMAT).atZone(ZoneId.systemDefault()).toInstant())
                : Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return nodeId + " (" + home + ")";
    }
}
