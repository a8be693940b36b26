package org.misbridge.benchmarks;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.misbridge.api.directory.SyncOutcome;
import org.misbridge.benchmarks.provider.Listing;
import org.misbridge.benchmarks.provider.ProviderHost;
import org.misbridge.scheduler.internal.SyncScheduler;
import org.misbridge.sync.internal.SchoolHarness;
import org.misbridge.testkit.SchoolGenerator;

/**
 * A district client of two generated schools paging through their users (merged where one person is
 * in both) and through a filter of them, over HTTP, pages of 1,000: the first pass after the
 * schools are mapped (its first page works the listing out) and warm passes, against one school's
 * own listing of its users. Arguments: students per school, passes, store (see {@link BenchStore}).
 */
public final class DistrictListingBenchmark {

    private DistrictListingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(SyncBenchmark.arg(args, 0, "20000"));
        int passes = Integer.parseInt(SyncBenchmark.arg(args, 1, "3"));
        String storeKind = SyncBenchmark.arg(args, 2, "pg+pool");
        Path work = Files.createTempDirectory("misbridge-district-bench");
        SyncScheduler scheduler = SchoolHarness.newScheduler();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (BenchStore s = BenchStore.open(storeKind, work.resolve("db"))) {
            SchoolHarness first = null;
            for (String school : List.of("north", "south")) {
                Path csv = work.resolve(school);
                SchoolGenerator.writeOneRosterCsv(SchoolGenerator.Spec.of(school, size, school.equals("north") ? 42L : 43L), csv);
                SchoolHarness harness = SchoolHarness.school(school).csv(csv).store(s.directory).scheduler(scheduler)
                        .settings(Map.of("import_preAdmissions", true, "contacts_maxPriority", 2)).onDemand().build();
                if (harness.sync().outcome() != SyncOutcome.SUCCESS) {
                    throw new IllegalStateException(school + ": the sync failed");
                }
                first = first == null ? harness : first;
            }
            List<String[]> rows = new ArrayList<>();
            try (ProviderHost district = new ProviderHost(s.directory, first.service(), "north,south", http);
                    ProviderHost north = new ProviderHost(s.directory, first.service(), "north", http)) {
                Listing districtListing = new Listing(http, district);
                Listing northListing = new Listing(http, north);
                districtListing.read("orgs", null, 1000, false); // both schools mapped, no listing of users yet
                northListing.read("orgs", null, 1000, false);
                time(rows, "district: GET /users, all pages, first pass", districtListing, "users", null);
                time(rows, "district: GET /users?filter=roles.role='student', all pages, first pass", districtListing, "users",
                        "roles.role='student'");
                for (int p = 0; p < passes; p++) {
                    time(rows, "district: GET /users, all pages, warm", districtListing, "users", null);
                    time(rows, "one school: GET /users, all pages, warm", northListing, "users", null);
                }
            }
            System.out.println("| students a school | figure | records | pages | ms |");
            System.out.println("|---:|---|---:|---:|---:|");
            for (String[] row : rows) {
                System.out.printf(Locale.ROOT, "| %,d | %s | %s | %s | %s |%n", size, row[0], row[1], row[2], row[3]);
            }
        }
        System.exit(0); // the sync components' executors are not daemons
    }

    private static void time(List<String[]> rows, String figure, Listing listing, String collection, String filter) throws Exception {
        Listing.Result r = listing.read(collection, filter, 1000, false);
        rows.add(new String[] {figure, String.format(Locale.ROOT, "%,d", r.records()), String.valueOf(r.pages()),
                String.format(Locale.ROOT, "%,d", r.millis())});
    }
}
