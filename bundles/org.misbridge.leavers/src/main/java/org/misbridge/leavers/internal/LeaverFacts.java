package org.misbridge.leavers.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.misbridge.api.directory.DirectoryState;
import org.misbridge.api.directory.Link;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Member;
import org.misbridge.api.lifecycle.Booking;
import org.misbridge.api.lifecycle.Wallet;
import org.misbridge.api.lifecycle.WalletStatus;
import org.misbridge.api.model.EnrolmentState;

/**
 * What an operator must know before leavers go, worked out from one moment's directory, wallets
 * and bookings: each leaver's warnings (an open wallet balance of their adults, outstanding
 * bookings), and which wallets can close because their holder has no child staying.
 */
public final class LeaverFacts {

    private final DirectoryState state;
    private final List<Wallet> wallets;
    private final List<Booking> bookings;
    private final LocalDate today;
    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, List<Link>> linksByPerson = new HashMap<>();
    private final Map<String, List<Link>> linksByMember = new HashMap<>();
    private final Map<String, LinkedPerson> people = new HashMap<>();
    // each person's wallets by their place in the list, and each member's bookings: looked up per leaver,
    // where a walk of every wallet and booking for each would grow with the square of the school
    private final RowsByKey<Wallet> walletsByPerson;
    private final Map<String, List<Booking>> bookingsByMember = new HashMap<>();

    public LeaverFacts(DirectoryState state, List<Wallet> wallets, List<Booking> bookings, LocalDate today) {
        this.state = state;
        this.wallets = wallets;
        this.bookings = bookings;
        this.today = today;
        state.members().forEach(m -> members.put(m.id(), m));
        state.people().forEach(p -> people.put(p.id(), p));
        for (Link l : state.links()) {
            linksByPerson.computeIfAbsent(l.personId(), k -> new ArrayList<>()).add(l);
            linksByMember.computeIfAbsent(l.memberId(), k -> new ArrayList<>()).add(l);
        }
        walletsByPerson = new RowsByKey<>(wallets, Wallet::personId);
        bookings.forEach(b -> bookingsByMember.computeIfAbsent(b.memberId(), k -> new ArrayList<>()).add(b));
    }

    public List<Member> leavers() {
        return state.members().stream().filter(m -> m.state() == EnrolmentState.LEAVER)
                .sorted(Comparator.comparing(Member::id)).toList();
    }

    public List<Link> linksOf(String memberId) {
        return linksByMember.getOrDefault(memberId, List.of());
    }

    /** The members linked to the adult who are staying ({@link EnrolmentState#staying()}). */
    public List<String> stayingChildren(String personId) {
        return linksByPerson.getOrDefault(personId, List.of()).stream().map(Link::memberId)
                .filter(id -> members.containsKey(id) && members.get(id).state().staying())
                .sorted().toList();
    }

    /** Bookings of the member dated today or later. */
    public List<Booking> outstandingBookings(String memberId) {
        return bookingsByMember.getOrDefault(memberId, List.of()).stream().filter(b -> !b.date().isBefore(today)).toList();
    }

    /** Why deleting this leaver needs a second look; empty when nothing is owed either way. */
    public List<String> warnings(Member leaver) {
        List<String> out = new ArrayList<>();
        Set<String> adults = new HashSet<>();
        linksOf(leaver.id()).forEach(l -> adults.add(l.personId()));
        for (Wallet w : walletsByPerson.of(adults)) {
            if (w.status() == WalletStatus.OPEN && w.balance() != 0) {
                out.add("wallet " + w.id() + " of " + w.personId() + " holds " + Money.format(w.balance())
                        + (stayingChildren(w.personId()).isEmpty() ? " (no child staying: close it)" : ""));
            }
        }
        List<Booking> outstanding = outstandingBookings(leaver.id());
        if (!outstanding.isEmpty()) {
            out.add(outstanding.size() + " outstanding booking(s) worth "
                    + Money.format(outstanding.stream().mapToLong(Booking::amount).sum()));
        }
        return out;
    }

    /**
     * Open wallets whose holder has no child staying: linked only to leavers, or no longer in the
     * directory at all (deleted with their last child).
     */
    public List<Wallet> walletsToClose() {
        return wallets.stream().filter(w -> w.status() == WalletStatus.OPEN)
                .filter(w -> stayingChildren(w.personId()).isEmpty()).toList();
    }

    public String nameOf(String personId) {
        LinkedPerson p = people.get(personId);
        return p == null ? "" : p.givenName() + " " + p.familyName();
    }
}
