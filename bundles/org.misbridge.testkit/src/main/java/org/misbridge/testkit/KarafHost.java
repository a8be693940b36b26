package org.misbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One Karaf host run as its own process outside Pax Exam, the way an operator runs one: a copy of the
 * built assembly (or an unpacked tar.gz), configured through etc/, started with {@code bin/karaf
 * daemon} (which execs the JVM, so the process is the JVM and {@link #kill} is a {@code kill -9} of
 * the host). {@link KarafClient} runs commands, {@link KarafLog} reads the log, {@link KarafHeap} the heap. The
 * itests (a stock Karaf, two clustered hosts) and the host benchmarks use it.
 */
public final class KarafHost implements AutoCloseable {

    private final String nodeId;
    private final Path home;
    private @Nullable Process process;
    private int sshPort = 8101;
    private int httpPort = 8181;
    private int rmiRegistryPort = 1099;
    private int rmiServerPort = 44444;

    private KarafHost(String nodeId, Path home) {
        this.nodeId = nodeId;
        this.home = home;
    }

    /** The built assembly: karaf-assembly/target/assembly below the working folder or one of its parents. */
    public static Path builtAssembly() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path assembly = p.resolve("karaf-assembly/target/assembly");
            if (Files.isExecutable(assembly.resolve("bin/karaf"))) {
                return assembly;
            }
        }
        throw new IllegalStateException("no built assembly found from " + here + ": run mvn -B -DskipTests install first");
    }

    /** Unpacks a Karaf tar.gz into {@code work/nodeId}. */
    public static KarafHost unpack(Path tarGz, Path work, String nodeId) throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve(nodeId));
        Process tar = new ProcessBuilder("tar", "xzf", tarGz.toString(), "-C", dir.toString()).inheritIO().start();
        if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
            throw new IOException("unpacking " + tarGz + " into " + dir + " failed");
        }
        try (Stream<Path> top = Files.list(dir)) {
            Path home = top.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException(tarGz + " holds no folder"));
            return new KarafHost(nodeId, home.toAbsolutePath());
        }
    }

    /** Copies an assembly folder into {@code work/nodeId}. */
    public static KarafHost copy(Path assembly, Path work, String nodeId) throws IOException {
        Path home = work.resolve(nodeId).toAbsolutePath();
        try (Stream<Path> files = Files.walk(assembly)) {
            for (Path from : files.toList()) {
                Path to = home.resolve(assembly.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new KarafHost(nodeId, home);
    }

    public String nodeId() {
        return nodeId;
    }

    public Path home() {
        return home;
    }

    public Path etc() {
        return home.resolve("etc");
    }

    /** data/log/karaf.log, read as it grows. */
    public KarafLog log() {
        return new KarafLog(home.resolve("data/log/karaf.log"));
    }

    /** What the launcher and the JVM wrote to standard output and error. */
    public Path console() {
        return home.resolve("console.out");
    }

    // --- etc/, as an operator edits it

    /** Sets {@code key = value} in an etc/ file (added when the key is absent). */
    public void put(String file, String key, Object value) throws IOException {
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
    public void write(String file, Map<String, String> properties) throws IOException {
        StringBuilder out = new StringBuilder();
        properties.forEach((k, v) -> out.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(etc().resolve(file), out, StandardCharsets.UTF_8);
    }

    public void delete(String file) throws IOException {
        Files.deleteIfExists(etc().resolve(file));
    }

    /** The assembly's demo school goes: a test or benchmark brings its own schools. */
    public void withoutDemo() throws IOException {
        for (String pid : List.of("org.misbridge.sync", "org.misbridge.mis.oneroster", "org.misbridge.meals",
                "org.misbridge.leavers")) {
            delete(pid + "-demo.cfg");
        }
    }

    /** Moves a finished file into etc/ in one step, as the operator docs ask. */
    public void drop(Path staged) throws IOException {
        Path tmp = etc().resolve("." + staged.getFileName() + ".tmp");
        Files.copy(staged, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, etc().resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Drops configuration files (name to content) into etc/, each written beside it and moved in whole. */
    public void dropConfigs(Map<String, String> files) throws IOException {
        Path staging = Files.createDirectories(home.resolve("staging"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path staged = staging.resolve(f.getKey());
            Files.writeString(staged, f.getValue(), StandardCharsets.UTF_8);
            drop(staged);
        }
    }

    /** Free ports for ssh, HTTP and JMX: another host (or the demo) may hold the defaults. */
    public void freePorts() throws IOException {
        sshPort = freePort();
        httpPort = freePort();
        rmiRegistryPort = freePort();
        rmiServerPort = freePort();
        put("org.apache.karaf.shell.cfg", "sshPort", sshPort);
        put("org.ops4j.pax.web.cfg", "org.osgi.service.http.port", httpPort);
        put("org.apache.karaf.management.cfg", "rmiRegistryPort", rmiRegistryPort);
        put("org.apache.karaf.management.cfg", "rmiServerPort", rmiServerPort);
    }

    public int sshPort() {
        return sshPort;
    }

    public int httpPort() {
        return httpPort;
    }

    // --- the process

    public void start() throws IOException {
        start(null);
    }

    /** Starts the host with these JVM options added (say {@code -Xmx600m}); returns without waiting. */
    public void start(@Nullable String extraJavaOpts) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("JAVA_MAX_MEM", "512M");
        if (extraJavaOpts != null && !extraJavaOpts.isBlank()) {
            env.put("EXTRA_JAVA_OPTS", extraJavaOpts);
        }
        process = pb.start();
    }

    /** Waits until {@code school:list --json} answers through bin/client: the school commands are up. */
    public void awaitSchoolCommands(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        KarafClient.Result last = new KarafClient.Result(-1, "");
        while (System.nanoTime() < deadline) {
            if (!alive()) {
                throw new IllegalStateException("Karaf exited during boot; see " + console());
            }
            last = client().run("school:list --json", Duration.ofSeconds(30));
            if (last.exit() == 0 && KarafClient.json(last.output()).startsWith("[")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Karaf did not answer school:list within " + timeout + "; the client's last answer"
                + " (exit " + last.exit() + "): " + last.output());
    }

    public long pid() {
        return running().pid();
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL to the host's JVM: no shutdown hook, no rollback, no goodbye to the cluster. */
    public void kill() throws InterruptedException {
        running().destroyForcibly();
        if (!running().waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Karaf JVM of " + this + " did not die");
        }
    }

    /** A normal stop (SIGTERM), waiting for the JVM to end; a kill if it has not within two minutes. */
    public void stop() throws InterruptedException {
        if (!alive()) {
            return;
        }
        running().destroy();
        if (!running().waitFor(120, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private Process running() {
        if (process == null) {
            throw new IllegalStateException(this + " was never started");
        }
        return process;
    }

    /** {@code bin/client} on this host's SSH port, as the admin user. */
    public KarafClient client() {
        return new KarafClient(home, sshPort);
    }

    /** The heap over JMX (Karaf's management on the RMI ports {@link #freePorts} chose, as the admin user). */
    public KarafHeap heap() throws IOException {
        return KarafHeap.connect(rmiRegistryPort, rmiServerPort);
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A host still running at the end is killed. */
    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    @Override
    public String toString() {
        return nodeId + " (" + home + ")";
    }
}
