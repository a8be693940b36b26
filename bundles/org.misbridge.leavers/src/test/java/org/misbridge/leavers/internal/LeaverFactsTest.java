package org.misbridge.leavers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.GroupMembership;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.directory.MemberKind;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;
import org.misbridge.api.model.EnrolmentState;
import org.misbridge.api.model.ParentalResponsibility;

class LeaverFactsTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 7, 20);

    private static Member student(String id, EnrolmentState state) {
        return new Member(id, MemberKind.STUDENT, "G", id, "6", null, state, null, null, null, Origin.IMPORT);
    }

    private static Link link(String member, String person) {
        return new Link(member, person, 1, true, null, ParentalResponsibility.UNKNOWN, Origin.IMPORT);
    }

    private static Wallet open(String id, String person, long balance) {
        return new Wallet(id, person, "Holder " + person, balance, WalletStatus.OPEN, Instant.EPOCH, null, null, null, 0);
    }

    // Poppy leaves; her brother Sam stays. Their mother's wallet stays open; Poppy's father's closes.
    private final DirectoryState state = new DirectoryState("s",
            List.of(student("poppy", EnrolmentState.LEAVER), student("sam", EnrolmentState.ON_ROLL)),
            List.of(new LinkedPerson("mum", "M", "Daley", Origin.IMPORT), new LinkedPerson("dad", "D", "Daley", Origin.IMPORT)),
            List.of(link("poppy", "mum"), link("sam", "mum"), link("poppy", "dad")), List.of(), List.of(), List.of(), List.of());
    private final List<Wallet> wallets = List.of(open("w-1", "mum", 1500), open("w-2", "dad", 700),
            new Wallet("w-3", "gone", "XXXX", 0, WalletStatus.SETTLED, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, TODAY, 90));
    private final List<Booking> bookings = List.of(new Booking(1, "poppy", TODAY, "lunch", 230),
            new Booking(2, "poppy", TODAY.minusDays(1), "lunch", 230), new Booking(3, "sam", TODAY.plusDays(3), "trip", 900));

    @Test
    void aLeaverWithASiblingStayingKeepsTheParentsWalletOpen() {
        LeaverFacts facts = new LeaverFacts(state, wallets, bookings, TODAY);
        assertThat(facts.walletsToClose()).extracting(Wallet::id).containsExactly("w-2");
        assertThat(facts.stayingChildren("mum")).containsExactly("sam");
        assertThat(facts.stayingChildren("dad")).isEmpty();
    }

    @Test
    void warningsNameOpenBalancesAndBookingsFromTodayOn() {
        LeaverFacts facts = new LeaverFacts(state, wallets, bookings, TODAY);
        assertThat(facts.warnings(state.members().get(0))).containsExactly(
                "wallet w-1 of mum holds 15.00",
                "wallet w-2 of dad holds 7.00 (no child staying: close it)",
                "1 outstanding booking(s) worth 2.30");
        assertThat(facts.leavers()).extracting(Member::id).containsExactly("poppy");
    }

    @Test
    void amountsReadAndPrintWithTwoDecimals() {
        assertThat(Money.parse("12.5")).isEqualTo(1250);
        assertThat(Money.parse("-3")).isEqualTo(-300);
        assertThat(Money.format(5)).isEqualTo("0.05");
        assertThat(Money.format(-1250)).isEqualTo("-12.50");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parse("1.234")).hasMessageContaining("two decimals");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parse("ten")).hasMessageContaining("not an amount");
    }

    @Test
    void anExportHoldsEachMembersOwnRowsInTheDirectorysOrder() throws Exception {
        DirectoryState withMore = new DirectoryState("s", state.members(), state.people(), state.links(),
                List.of(new ContactDetail("dad", DetailKind.EMAIL, "dad@example.org", false, Origin.IMPORT),
                        new ContactDetail("sam", DetailKind.EMAIL, "sam@example.org", false, Origin.IMPORT),
                        new ContactDetail("mum", DetailKind.MOBILE, "07700900001", false, Origin.IMPORT),
                        new ContactDetail("poppy", DetailKind.EMAIL, "poppy@example.org", false, Origin.IMPORT)),
                List.of(), List.of(new GroupMembership("7X", "sam"), new GroupMembership("6A", "poppy")), List.of());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        MemberExport.write(out, withMore, withMore.members(), wallets, bookings);
        com.fasterxml.jackson.databind.JsonNode rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());

        com.fasterxml.jackson.databind.JsonNode poppy = rows.get(0);
        assertThat(poppy.at("/member/id").asText()).isEqualTo("poppy");
        assertThat(poppy.get("links").findValuesAsText("personId")).containsExactly("mum", "dad");
        assertThat(poppy.get("adults").findValuesAsText("id")).containsExactly("mum", "dad");
        assertThat(poppy.get("details").findValuesAsText("value")).containsExactly("dad@example.org", "07700900001",
                "poppy@example.org");
        assertThat(poppy.get("groups").toString()).isEqualTo("[\"6A\"]");
        assertThat(poppy.get("bookings").findValuesAsText("date")).containsExactly(TODAY.toString(), TODAY.minusDays(1).toString());
        assertThat(poppy.get("wallets").findValuesAsText("id")).containsExactly("w-1", "w-2");

        com.fasterxml.jackson.databind.JsonNode sam = rows.get(1);
        assertThat(sam.get("links").findValuesAsText("personId")).containsExactly("mum");
        assertThat(sam.get("details").findValuesAsText("value")).containsExactly("sam@example.org", "07700900001");
        assertThat(sam.get("groups").toString()).isEqualTo("[\"7X\"]");
        assertThat(sam.get("bookings").findValuesAsText("description")).containsExactly("trip");
        assertThat(sam.get("wallets").findValuesAsText("id")).containsExactly("w-1");
    }
}
