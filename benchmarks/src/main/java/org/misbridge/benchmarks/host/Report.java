package org.misbridge.benchmarks.host;

import java.util.ArrayList;
import java.util.List;

/** A host run's figures: a two-column Markdown table printed at the end, each line echoed to stderr as it comes. */
final class Report {

    private final List<String> lines = new ArrayList<>();

    void line(String what, String figure) {
        lines.add("| " + what + " | " + figure + " |");
        System.err.println(what + ": " + figure);
    }

    void print() {
        System.out.println("| what | figure |");
        System.out.println("|---|---|");
        lines.forEach(System.out::println);
    }
}
