package org.misbridge.leavers.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.Member;
import org.misbridge.api.files.SpreadsheetCells;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;

/**
 * The report a school downloads before year-end work: one CSV row per member with their state,
 * groups, linked adults (prime first) with those adults' open wallet balances, and outstanding bookings.
 * It is meant for spreadsheets: commons-csv quotes each cell as RFC 4180 says, and a cell that a
 * spreadsheet would take for a formula is neutralised ({@link SpreadsheetCells}).
 */
public final class YearEndReport {

    static final List<String> HEADER = List.of("member_id", "kind", "state", "given_name", "family_name", "year_group",
            "registration_group", "admission_date", "leaving_date", "origin", "groups", "adults", "prime_adults",
            "open_wallet_balance", "outstanding_bookings", "warnings");

    private YearEndReport() {
    }

    /** Writes the report into {@code out} (UTF-8); returns the number of members written. */
    public static int write(OutputStream out, DirectoryState state, LeaverFacts facts, List<Wallet> wallets) throws IOException {
        Map<String, List<String>> groups = state.memberships().stream().collect(Collectors.groupingBy(
                g -> g.memberId(), Collectors.mapping(g -> g.groupId(), Collectors.toList())));
        Map<String, Long> openBalance = new HashMap<>();
        wallets.stream().filter(w -> w.status() == WalletStatus.OPEN)
                .forEach(w -> openBalance.merge(w.personId(), w.balance(), Long::sum));
        List<Member> members = state.members().stream().sorted(Comparator.comparing(Member::id)).toList();
        try (Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(HEADER.toArray(String[]::new)).build().print(text)) {
            for (Member m : members) {
                List<Link> links = facts.linksOf(m.id());
                long balance = links.stream().mapToLong(l -> openBalance.getOrDefault(l.personId(), 0L)).sum();
                csv.printRecord(SpreadsheetCells.texts(m.id(), m.kind().name(), m.state().name(), m.givenName(), m.familyName(),
                        Objects.toString(m.yearGroup(), ""), Objects.toString(m.registrationGroup(), ""),
                        Objects.toString(m.admissionDate(), ""), Objects.toString(m.leavingDate(), ""), m.origin().name(),
                        String.join(";", groups.getOrDefault(m.id(), List.of())),
                        String.join(";", links.stream().map(Link::personId).toList()),
                        String.join(";", links.stream().filter(Link::prime).map(Link::personId).toList()),
                        Money.format(balance), facts.outstandingBookings(m.id()).size(),
                        String.join("; ", facts.warnings(m))));
            }
        }
        return members.size();
    }
}
