package org.misbridge.mis.wonde.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.misbridge.benchmarks.ChildJvm;
import org.misbridge.testkit.FakeWonde;

/**
 * The testkit's Wonde API for {@link WondeDeltaBenchmark}, serving a generated school, in the
 * benchmark's JVM or in a JVM of its own. In its own JVM the fake's copies of the school (it holds
 * every record rendered, to stamp what changed) and its garbage stay out of the heap and the
 * collector of the host under test, as the REST delta benchmark's API does ({@code ServedApi}).
 */
interface ServedWonde extends AutoCloseable {

    /** The Wonde id of the served school. */
    String WONDE_ID = "A1930499544";

    URI baseUrl();

    /** Gives {@code changed} pupils, spread over the roll, a new surname for round {@code round}; Wonde stamps them updated now. */
    void rename(int changed, int round) throws IOException;

    @Override
    void close() throws IOException;

    static ServedWonde start(Path csv, String token, boolean ownJvm) throws IOException {
        return ownJvm ? new Child(csv, token) : new InProcess(serve(csv, token));
    }

    private static FakeWonde serve(Path csv, String token) throws IOException {
        // the fake's JDK server without TCP_NODELAY makes every small answer wait out the client's delayed
        // ACK (about 40 ms): a delta's eight requests took 0.35 s whatever the school's size, a cost of the
        // fake, not of the reader or of Wonde; read once, when the first server starts
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return FakeWonde.start(FakeWonde.School.fromOneRoster(WONDE_ID, csv, LocalDate.now()), token);
    }

    /** The school with {@code changed} pupils, spread over the roll, given a new surname for {@code round}. */
    static FakeWonde.School renamed(FakeWonde.School before, int changed, int round) {
        List<FakeWonde.Pupil> pupils = new ArrayList<>(before.pupils());
        int step = Math.max(1, pupils.size() / changed);
        for (int i = 0; i < changed && i * step < pupils.size(); i++) {
            FakeWonde.Pupil p = pupils.get(i * step);
            pupils.set(i * step, new FakeWonde.Pupil(p.id(), p.misId(), p.upn(), p.forename(), "Changed-" + round + "-" + i,
                    p.legalForename(), "Changed-" + round + "-" + i, p.roll(), p.admissionDate(), p.leavingDate(), p.carers()));
        }
        return new FakeWonde.School(before.wondeId(), pupils, before.carers(), before.employees(), before.groups());
    }

    /**
     * Serves {@code args[0]}'s school to token {@code args[1]}, prints its URL, then for each line
     * {@code rename CHANGED ROUND} on its input renames and answers {@code done}; stops when its input closes.
     */
    static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        try (FakeWonde wonde = serve(Path.of(args[0]), args[1]);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            out.println(wonde.baseUrl());
            out.flush();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ");
                wonde.school(renamed(wonde.school(), Integer.parseInt(words[1]), Integer.parseInt(words[2])));
                System.gc(); // the old rendering's garbage, before the benchmark times a sync against this JVM
                out.println("done");
                out.flush();
            }
        }
        System.exit(0);
    }

    record InProcess(FakeWonde wonde) implements ServedWonde {
        @Override
        public URI baseUrl() {
            return wonde.baseUrl();
        }

        @Override
        public void rename(int changed, int round) {
            wonde.school(renamed(wonde.school(), changed, round));
        }

        @Override
        public void close() {
            wonde.close();
        }
    }

    /** The fake in a child JVM with a 6 GiB heap, on the benchmark's own class path. */
    final class Child implements ServedWonde {
        private final ChildJvm jvm;
        private final URI base;

        Child(Path csv, String token) throws IOException {
            jvm = ChildJvm.start("6g", ServedWonde.class, csv.toString(), token);
            base = URI.create(jvm.line("its URL"));
        }

        @Override
        public URI baseUrl() {
            return base;
        }

        @Override
        public void rename(int changed, int round) throws IOException {
            jvm.send("rename " + changed + " " + round);
            jvm.line("word that it renamed");
        }

        @Override
        public void close() throws IOException {
            jvm.close();
        }
    }
}
