package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.directory.ContactDetail;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.api.directory.DeliveryFeedback;
import org.misbridge.api.directory.DetailKind;
import org.misbridge.api.directory.LinkedPerson;
import org.misbridge.api.directory.Origin;
import org.misbridge.api.model.Contact;
import org.misbridge.api.model.Email;
import org.misbridge.api.model.EmailLocation;
import org.misbridge.api.model.Snapshot;
import org.misbridge.api.model.Staff;
import org.misbridge.api.model.Telephone;
import org.misbridge.api.model.TelephoneType;

/**
 * The contact details one plan wants: the home and work emails and the mobiles of the contacts it
 * imports and of the staff, as the school's settings import them, each normalised and checked by
 * {@link DetailRules}, kept once, and imported blocked where delivery feedback blocked its value
 * (rule 8). An invalid one is a data issue instead; an opted-out contact has none.
 */
final class DesiredDetails {
    private final ImportSettings settings;
    private final Map<String, Set<DeliveryFeedback>> blocks;
    private final Predicate<String> contactOptedOut;
    private final LeftOut leftOut;

    /**
     * @param blocks          the blocked values, by {@link #blockKey}
     * @param contactOptedOut whether a contact opted out of the school's messages
     * @param leftOut         where a detail the settings leave out is counted, for the plan's notes
     */
    DesiredDetails(ImportSettings settings, Map<String, Set<DeliveryFeedback>> blocks, Predicate<String> contactOptedOut,
            LeftOut leftOut) {
        this.settings = settings;
        this.blocks = blocks;
        this.contactOptedOut = contactOptedOut;
        this.leftOut = leftOut;
    }

    /** A raw value normalised, and what is wrong with it, if anything. */
    record Checked(String value, Optional<String> problem) {
    }

    /**
     * The emails and mobiles of a snapshot's contacts and staff that a plan may import, normalised
     * and checked, in the order {@link #of} meets them: work that reads nothing else, so a plan does
     * it beside its members and links. Kept by position rather than by value, so that taking one is
     * no hash lookup (some 350,000 at 100,000 students); a value at a position that is not the one
     * asked for (another snapshot) is checked again, so a position can cost time but never a wrong check.
     */
    static final class Checks {
        private final Placed emails;
        private final Placed mobiles;

        /** Sized once for about an email and a mobile each: grown, a long list is copied at every step. */
        private Checks(int people) {
            emails = new Placed(people);
            mobiles = new Placed(people);
        }

        static Checks of(Snapshot snapshot) {
            Checks checks = new Checks(snapshot.contacts().size() + snapshot.staff().size());
            for (Contact c : snapshot.contacts()) {
                for (Email e : c.emails()) {
                    if (imported(e)) {
                        checks.emails.add(e.address(), checkEmail(e.address()));
                    }
                }
                for (Telephone t : c.telephones()) {
                    if (t.type() == TelephoneType.MOBILE) {
                        checks.mobiles.add(t.number(), checkMobile(t.number()));
                    }
                }
            }
            for (Staff st : snapshot.staff()) {
                String email = staffEmail(st);
                if (email != null) {
                    checks.emails.add(email, checkEmail(email));
                }
                String mobile = staffMobile(st);
                if (mobile != null) {
                    checks.mobiles.add(mobile, checkMobile(mobile));
                }
            }
            return checks;
        }

        /** The check of the {@code index}th email {@link #of} meets, {@code raw}. */
        Checked email(int index, String raw) {
            Checked placed = emails.at(index, raw);
            return placed != null ? placed : checkEmail(raw);
        }

        /** The check of the {@code index}th mobile {@link #of} meets, {@code raw}. */
        Checked mobile(int index, String raw) {
            Checked placed = mobiles.at(index, raw);
            return placed != null ? placed : checkMobile(raw);
        }

        private static Checked checkEmail(String raw) {
            String email = DetailRules.normaliseEmail(raw);
            return new Checked(email, DetailRules.emailProblem(email));
        }

        private static Checked checkMobile(String raw) {
            return new Checked(DetailRules.normaliseMobile(raw), DetailRules.mobileProblem(raw));
        }
    }

    /** Values of one kind and their checks, by the place each was met. */
    private static final class Placed {
        private final List<String> raw;
        private final List<Checked> checked;

        Placed(int expected) {
            raw = new ArrayList<>(expected);
            checked = new ArrayList<>(expected);
        }

        void add(String value, Checked check) {
            raw.add(value);
            checked.add(check);
        }

        /** The check made at {@code index}, if it was made of this very value; null otherwise. */
        @Nullable Checked at(int index, String value) {
            return index < raw.size() && raw.get(index) == value ? checked.get(index) : null;
        }
    }

    /** Only home and work emails are imported (rule 4); the others are not even checked. */
    private static boolean imported(Email e) {
        return e.location() == EmailLocation.HOME || e.location() == EmailLocation.WORK;
    }

    /** The staff member's email a plan may import; null when it has none or its id cannot be stored. */
    private static @Nullable String staffEmail(Staff st) {
        return st.email() == null || st.email().isBlank() || MisText.idProblem(st.id(), MisText.MEMBER_ID) != null
                ? null : st.email();
    }

    /** The staff member's mobile a plan may import; null when it has none or its id cannot be stored. */
    private static @Nullable String staffMobile(Staff st) {
        return st.mobile() == null || st.mobile().isBlank() || MisText.idProblem(st.id(), MisText.MEMBER_ID) != null
                ? null : st.mobile();
    }

    /** The key of a detail's value among the blocked ones. */
    static String blockKey(DetailKind kind, String value) {
        return kind + "\u0000" + value;
    }

    /**
     * @param people    the contacts the plan imports, by id
     * @param studentOf each contact's student, for the issues that name one
     * @param issues    where an invalid detail is reported
     * @param checks    the snapshot's values, checked beside the plan ({@link Checks#of}); a value
     *                  not at its place there is checked here
     */
    List<ContactDetail> of(Snapshot snapshot, Map<String, LinkedPerson> people, Map<String, String> studentOf,
            List<DataIssue> issues, Checks checks) {
        Kept details = new Kept(2 * (people.size() + snapshot.staff().size())); // about an email and a mobile each
        int email = 0; // positions in checks: every value Checks.of met counts, imported or not
        int mobile = 0;
        for (Contact c : snapshot.contacts()) {
            boolean keeps = people.containsKey(c.id()) && !contactOptedOut.test(c.id()); // an opted-out contact keeps none
            String student = keeps ? studentOf.get(c.id()) : null;
            for (Email e : c.emails()) {
                if (!imported(e)) {
                    continue;
                }
                int at = email++;
                if (!keeps) {
                    continue;
                }
                if (settings.importEmails()) {
                    addChecked(details, issues, c.id(), student, DetailKind.EMAIL, checks.email(at, e.address()));
                } else {
                    leftOut.email();
                }
            }
            for (Telephone t : c.telephones()) {
                if (t.type() != TelephoneType.MOBILE) {
                    continue;
                }
                int at = mobile++;
                if (!keeps) {
                    continue;
                }
                if (settings.importMobiles()) {
                    addChecked(details, issues, c.id(), student, DetailKind.MOBILE, checks.mobile(at, t.number()));
                } else {
                    leftOut.mobile();
                }
            }
        }
        for (Staff st : snapshot.staff()) {
            // a staff member whose id cannot be stored is not imported: its issue is raised with the members
            String address = staffEmail(st);
            if (address != null) {
                if (settings.importEmails()) {
                    addChecked(details, issues, st.id(), st.id(), DetailKind.EMAIL, checks.email(email, address));
                } else {
                    leftOut.email();
                }
                email++;
            }
            String number = staffMobile(st);
            if (number != null) {
                if (settings.importMobiles()) {
                    addChecked(details, issues, st.id(), st.id(), DetailKind.MOBILE, checks.mobile(mobile, number));
                } else {
                    leftOut.mobile();
                }
                mobile++;
            }
        }
        return details.list();
    }

    /**
     * A valid detail is kept (once), blocked when delivery feedback blocked its value; an invalid one
     * becomes a data issue "invalid-email" or "invalid-mobile".
     */
    private void addChecked(Kept details, List<DataIssue> issues, String owner,
            @Nullable String member, DetailKind kind, Checked checked) {
        Optional<String> problem = checked.problem();
        if (problem.isPresent()) {
            String field = kind.name().toLowerCase(Locale.ROOT);
            issues.add(new DataIssue("invalid-" + field, member, owner, field, problem.get()));
            return;
        }
        String value = checked.value();
        boolean blocked = !blocks.isEmpty() && blocks.containsKey(blockKey(kind, value)); // most schools have none
        details.add(new ContactDetail(owner, kind, value, blocked, Origin.IMPORT));
    }

    /**
     * The details kept so far, in the order first met, each (owner, kind, value) once. A plan meets
     * an owner's details one after another, so a repeat is looked for among the last owner's few;
     * only when an owner comes back later (a reader that lists someone twice) are all of them keyed.
     */
    private static final class Kept {
        /** Beyond so many details of one owner, all are keyed: most people have one email and one mobile. */
        private static final int FEW = 16;
        private final List<ContactDetail> list;
        private final Set<String> owners;
        private @Nullable Set<Same> seen; // every detail, once an owner came back
        private @Nullable String owner;
        private int ownerFrom;

        Kept(int expected) {
            list = new ArrayList<>(expected);
            owners = new HashSet<>(MapSizes.forEntries(expected / 2));
        }

        void add(ContactDetail d) {
            if (seen != null) {
                if (seen.add(Same.of(d))) {
                    list.add(d);
                }
                return;
            }
            if (!d.ownerId().equals(owner)) {
                if (!owners.add(d.ownerId())) {
                    keyAll(d);
                    return;
                }
                owner = d.ownerId();
                ownerFrom = list.size();
            } else if (list.size() - ownerFrom >= FEW) {
                keyAll(d); // an owner with a great many values (a hostile file) is not scanned value by value
                return;
            }
            for (int i = ownerFrom; i < list.size(); i++) {
                ContactDetail kept = list.get(i);
                if (kept.kind() == d.kind() && kept.value().equals(d.value())) {
                    return;
                }
            }
            list.add(d);
        }

        private void keyAll(ContactDetail next) {
            Set<Same> all = new HashSet<>(MapSizes.forEntries(list.size() * 2));
            list.forEach(kept -> all.add(Same.of(kept)));
            seen = all;
            add(next);
        }

        List<ContactDetail> list() {
            return list;
        }
    }

    /** What makes two details the same one, as {@link ContactDetail#key()} does. */
    private record Same(String owner, DetailKind kind, String value) {
        static Same of(ContactDetail d) {
            return new Same(d.ownerId(), d.kind(), d.value());
        }

        @Override
        public int hashCode() {
            return (owner.hashCode() * 31 + kind.ordinal()) * 31 + value.hashCode();
        }
    }
}
