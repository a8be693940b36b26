package org.misbridge.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class's {@code main} in a JVM of its own, on this JVM's class path, spoken to a line at a time:
 * a fake API served apart from the heap and the collector a benchmark measures. It stops when its
 * input closes.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;
    private final Writer input;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts {@code main} with {@code -Xmx<heap>}; its standard error goes to this JVM's. */
    public static ChildJvm start(String heap, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** The next line it printed; {@code what} names it in the error if it ended first. */
    public String line(String what) throws IOException {
        String line = output.readLine();
        if (line == null) {
            throw new IOException("the child JVM ended before it gave " + what);
        }
        return line;
    }

    /** Sends it one line. */
    public void send(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /** Closes its input and waits up to 30 s for it to end, then ends it. */
    @Override
    public void close() throws IOException {
        input.close();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
