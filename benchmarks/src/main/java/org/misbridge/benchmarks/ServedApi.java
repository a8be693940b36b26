package org.misbridge.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import org.misbridge.testkit.FakeOneRosterApi;

/**
 * The testkit's OneRoster REST API for a benchmark, in the benchmark's JVM or in a JVM of its own.
 * In its own JVM (its own heap), the API's copy of the school does not count against the heap the
 * benchmark measures: a sync of 100,000 students within 512 MiB can be measured over REST.
 */
interface ServedApi extends AutoCloseable {

    /** The client the API accepts, and its secret. */
    String CLIENT = "bench";
    String SECRET = "bench-secret";

    URI baseUrl();

    URI tokenUrl();

    /** Sets a field of a record, stamping it modified now. */
    void modify(String collection, String sourcedId, String field, String value) throws IOException;

    /** Points a record's reference {@code field} at {@code id} of {@code type}, stamping it modified now. */
    void refer(String collection, String sourcedId, String field, String id, String type) throws IOException;

    @Override
    void close() throws IOException;

    static ServedApi start(Path csv, boolean ownJvm) throws IOException {
        return start(csv, ownJvm, false);
    }

    /** @param v12 served as OneRoster 1.2 (users with their roles), else 1.1 */
    static ServedApi start(Path csv, boolean ownJvm, boolean v12) throws IOException {
        return ownJvm ? new Child(csv, v12) : new InProcess(FakeOneRosterApi.start(csv, v12, CLIENT, SECRET));
    }

    /** Serves {@code args[0]}'s school (as 1.2 with {@code args[1]} v12), prints its three URLs, and stops when its input closes. */
    static void main(String[] args) throws IOException {
        boolean v12 = args.length > 1 && args[1].equals("v12");
        try (FakeOneRosterApi api = FakeOneRosterApi.start(Path.of(args[0]), v12, CLIENT, SECRET)) {
            System.out.println(api.baseUrl() + " " + api.tokenUrl() + " " + api.controlUrl());
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        System.exit(0);
    }

    record InProcess(FakeOneRosterApi api) implements ServedApi {
        @Override
        public URI baseUrl() {
            return api.baseUrl();
        }

        @Override
        public URI tokenUrl() {
            return api.tokenUrl();
        }

        @Override
        public void modify(String collection, String sourcedId, String field, String value) {
            api.modify(collection, sourcedId, field, value);
        }

        @Override
        public void refer(String collection, String sourcedId, String field, String id, String type) {
            api.refer(collection, sourcedId, field, id, type);
        }

        @Override
        public void close() {
            api.close();
        }
    }

    /** The API in a child JVM with a 2 GiB heap, on the benchmark's own class path. */
    final class Child implements ServedApi {
        private final ChildJvm jvm;
        private final URI base;
        private final URI token;
        private final URI control;

        Child(Path csv, boolean v12) throws IOException {
            jvm = ChildJvm.start("2g", ServedApi.class, csv.toString(), v12 ? "v12" : "v11");
            String[] urls = jvm.line("its URLs").split(" ");
            base = URI.create(urls[0]);
            token = URI.create(urls[1]);
            control = URI.create(urls[2]);
        }

        @Override
        public URI baseUrl() {
            return base;
        }

        @Override
        public URI tokenUrl() {
            return token;
        }

        @Override
        public void modify(String collection, String sourcedId, String field, String value) throws IOException {
            control("modify=" + String.join("/", collection, sourcedId, field, value));
        }

        @Override
        public void refer(String collection, String sourcedId, String field, String id, String type) throws IOException {
            control("refer=" + String.join("/", collection, sourcedId, field, id, type));
        }

        private void control(String query) throws IOException {
            try (InputStream in = URI.create(control + "?" + query).toURL().openStream()) {
                in.readAllBytes();
            }
        }

        @Override
        public void close() throws IOException {
            jvm.close();
        }
    }
}
