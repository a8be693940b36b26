package org.misbridge.benchmarks.host;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A copy of the built assembly booted as an operator would (outside Pax Exam), on free ports:
 * {@code bin/karaf daemon}, whose process is the Karaf JVM itself, so that {@link #kill()} is a
 * SIGKILL of the whole host. Commands go through {@code bin/client}; the heap is read over JMX.
 */
final class KarafHost implements AutoCloseable {

    private final Path home;
    private final int sshPort;
    private final int rmiRegistryPort;
    private final int rmiServerPort;
    private Process process;

    private KarafHost(Path home, int sshPort, int rmiRegistryPort, int rmiServerPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.rmiRegistryPort = rmiRegistryPort;
        this.rmiServerPort = rmiServerPort;
    }

    /** The built assembly: karaf-assembly/target/assembly below the working folder or its parent. */
    static Path builtAssembly() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path assembly = p.resolve("karaf-assembly/target/assembly");
            if (Files.isExecutable(assembly.resolve("bin/karaf"))) {
                return assembly;
            }
        }
        throw new IllegalStateException("no built assembly found from " + here + ": run mvn -B -DskipTests install first");
    }

    /** Copies the assembly into {@code work}, without the demo school, on free ports. */
    static KarafHost copy(Path assembly, Path work) throws IOException {
        Path home = work.resolve("karaf");
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
        for (String demo : List.of("org.misbridge.sync-demo.cfg", "org.misbridge.mis.oneroster-demo.cfg",
                "org.misbridge.meals-demo.cfg")) {
            Files.deleteIfExists(home.resolve("etc").resolve(demo));
        }
        KarafHost host = new KarafHost(home, freePort(), freePort(), freePort());
        host.setProperty("org.apache.karaf.shell.cfg", "sshPort", host.sshPort);
        host.setProperty("org.apache.karaf.management.cfg", "rmiRegistryPort", host.rmiRegistryPort);
        host.setProperty("org.apache.karaf.management.cfg", "rmiServerPort", host.rmiServerPort);
        return host;
    }

    Path home() {
        return home;
    }

    Path etc() {
        return home.resolve("etc");
    }

    Path log() {
        return home.resolve("data/log/karaf.log");
    }

    /** Replaces or adds {@code key = value} in an etc/ file. */
    void setProperty(String file, String key, Object value) throws IOException {
        Path path = etc().resolve(file);
        List<String> lines = Files.exists(path) ? new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8)) : new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s*" + java.util.regex.Pattern.quote(key) + "\\s*=.*")) {
                lines.set(i, key + " = " + value);
                found = true;
            }
        }
        if (!found) {
            lines.add(key + " = " + value);
        }
        Files.write(path, lines, StandardCharsets.UTF_8);
    }

    /** Drops configuration files into etc/, each written beside it and moved in whole. */
    void dropConfigs(Map<String, String> files) throws IOException {
        Path staging = home.resolve("staging");
        Files.createDirectories(staging);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path tmp = staging.resolve(f.getKey());
            Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
            Files.move(tmp, etc().resolve(f.getKey()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Boots the host and waits until the school commands answer. */
    void start(String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "daemon").directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf.out").toFile()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        if (javaOpts != null && !javaOpts.isBlank()) {
            env.put("EXTRA_JAVA_OPTS", javaOpts);
        }
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        Result last = new Result(-1, "");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited during boot (exit " + process.exitValue() + "); see "
                        + home.resolve("karaf.out"));
            }
            Result r = client("school:list --json", Duration.ofSeconds(30));
            last = r;
            if (r.exit() == 0 && json(r.output()).startsWith("[")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Karaf did not answer school:list within 3 minutes; the client's last answer (exit "
                + last.exit() + "): " + last.output());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL of the Karaf JVM: no shutdown hooks, no rollback, no flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the Karaf JVM did not die");
        }
    }

    /** A clean shutdown, as an operator's bin/stop. */
    void stop() throws IOException, InterruptedException {
        if (!alive()) {
            return;
        }
        Process stop = new ProcessBuilder(home.resolve("bin/stop").toString()).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        stop.waitFor(60, TimeUnit.SECONDS);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** What a command printed and how the client ended. */
    record Result(int exit, String output) {
    }

    /** Runs a command through bin/client as the admin user. */
    Result client(String command, Duration timeout) throws IOException, InterruptedException {
        Process client = startClient(command);
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            return new Result(-1, new String(out, StandardCharsets.UTF_8));
        }
        return new Result(client.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A command that must succeed; its output. */
    String command(String command) throws IOException, InterruptedException {
        Result r = client(command, Duration.ofMinutes(10));
        if (r.exit() != 0) {
            throw new IllegalStateException("'" + command + "' failed (exit " + r.exit() + "): " + r.output());
        }
        return r.output();
    }

    /** The JSON a --json command printed, without any line the launcher script wrote before it. */
    static String json(String output) {
        int array = output.indexOf('[');
        int object = output.indexOf('{');
        int start = array < 0 ? object : object < 0 ? array : Math.min(array, object);
        return start < 0 ? "" : output.substring(start);
    }

    /** Starts bin/client with the command on its standard input (the -b form scripts use). */
    Process startClient(String command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-b").directory(home.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = builder.start();
        client.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        return client;
    }

    /** Waits for a line of karaf.log, written after {@code from} bytes, that passes {@code test}; returns it. */
    String awaitLog(long from, Predicate<String> test, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long position = from;
        StringBuilder partial = new StringBuilder();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log())) {
                try (RandomAccessFile f = new RandomAccessFile(log().toFile(), "r")) {
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
        throw new IllegalStateException("no matching line in " + log() + " within " + timeout);
    }

    long logSize() throws IOException {
        return Files.exists(log()) ? Files.size(log()) : 0;
    }

    /** The heap over JMX (Karaf's management on the RMI ports, as the admin user). */
    HeapProbe heap() throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + rmiServerPort + "/jndi/rmi://127.0.0.1:"
                + rmiRegistryPort + "/karaf-root");
        Map<String, Object> env = new HashMap<>();
        env.put(JMXConnector.CREDENTIALS, new String[] {"karaf", "karaf"});
        return new HeapProbe(JMXConnectorFactory.connect(url, env));
    }

    /** Heap figures of the host: used now, and the peak of each heap pool since the last reset. */
    static final class HeapProbe implements AutoCloseable {
        private final JMXConnector connector;
        private final MBeanServerConnection mbeans;

        HeapProbe(JMXConnector connector) throws IOException {
            this.connector = connector;
            this.mbeans = connector.getMBeanServerConnection();
        }

        long usedBytes() throws Exception {
            CompositeData heap = (CompositeData) mbeans.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
            return MemoryUsage.from(heap).getUsed();
        }

        long maxBytes() throws Exception {
            CompositeData heap = (CompositeData) mbeans.getAttribute(new ObjectName("java.lang:type=Memory"), "HeapMemoryUsage");
            return MemoryUsage.from(heap).getMax();
        }

        void gc() throws Exception {
            mbeans.invoke(new ObjectName("java.lang:type=Memory"), "gc", null, null);
        }

        /** Starts peak tracking afresh in every heap pool. */
        void resetPeaks() throws Exception {
            for (ObjectName pool : heapPools()) {
                mbeans.invoke(pool, "resetPeakUsage", null, null);
            }
        }

        /** The sum of the heap pools' peaks since the reset: an upper bound of the heap used at any moment. */
        long peakBytes() throws Exception {
            long sum = 0;
            for (ObjectName pool : heapPools()) {
                sum += MemoryUsage.from((CompositeData) mbeans.getAttribute(pool, "PeakUsage")).getUsed();
            }
            return sum;
        }

        private List<ObjectName> heapPools() throws Exception {
            List<ObjectName> pools = new ArrayList<>();
            for (ObjectName pool : mbeans.queryNames(new ObjectName("java.lang:type=MemoryPool,*"), null)) {
                if ("HEAP".equals(String.valueOf(mbeans.getAttribute(pool, "Type")))) {
                    pools.add(pool);
                }
            }
            return pools;
        }

        @Override
        public void close() throws IOException {
            connector.close();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        if (alive()) {
            kill();
        }
    }
}
