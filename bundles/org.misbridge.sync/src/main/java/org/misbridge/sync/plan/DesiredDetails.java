package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.HashMap;
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
     * Every distinct email and mobile of a snapshot's contacts and staff, normalised and checked:
     * work that reads nothing else, so a plan does it beside its members and links.
     */
    static final class Checks {
        private final Map<String, Checked> emails;
        private final Map<String, Checked> mobiles;

        Checks(int contacts) {
            emails = new HashMap<>(MapSizes.forEntries(contacts));
            mobiles = new HashMap<>(MapSizes.forEntries(contacts));
        }

        static Checks of(Snapshot snapshot) {
            Checks checks = new Checks(snapshot.contacts().size() + snapshot.staff().size());
            for (Contact c : snapshot.contacts()) {
                for (Email e : c.emails()) {
                    checks.email(e.address());
                }
                for (Telephone t : c.telephones()) {
                    if (t.type() == TelephoneType.MOBILE) {
                        checks.mobile(t.number());
                    }
                }
            }
            for (Staff st : snapshot.staff()) {
                if (st.email() != null) {
                    checks.email(st.email());
                }
                if (st.mobile() != null) {
                    checks.mobile(st.mobile());
                }
            }
            return checks;
        }

        Checked email(String raw) {
            return emails.computeIfAbsent(raw, r -> {
                String email = DetailRules.normaliseEmail(r);
                return new Checked(email, DetailRules.emailProblem(email));
            });
        }

        Checked mobile(String raw) {
            return mobiles.computeIfAbsent(raw, r -> new Checked(DetailRules.normaliseMobile(r), DetailRules.mobileProblem(r)));
        }
    }

    /** The key of a detail's value among the blocked ones. */
    static String blockKey(DetailKind kind, String value) {
        return kind + "\u0000" + value;
    }

    /**
     * @param people    the contacts the plan imports, by id
     * @param studentOf each contact's student, for the issues that name one
     * @param issues    where an invalid detail is reported
     * @param checks    the snapshot's values checked so far; those it lacks are checked here
     */
    List<ContactDetail> of(Snapshot snapshot, Map<String, LinkedPerson> people, Map<String, String> studentOf,
            List<DataIssue> issues, Checks checks) {
        Kept details = new Kept(2 * (people.size() + snapshot.staff().size())); // about an email and a mobile each
        for (Contact c : snapshot.contacts()) {
            if (!people.containsKey(c.id()) || contactOptedOut.test(c.id())) {
                continue; // an opted-out contact keeps no details
            }
            String student = studentOf.get(c.id());
            for (Email e : c.emails()) {
                if (e.location() == EmailLocation.HOME || e.location() == EmailLocation.WORK) {
                    if (settings.importEmails()) {
                        addChecked(details, issues, c.id(), student, DetailKind.EMAIL, checks.email(e.address()));
                    } else {
                        leftOut.email();
                    }
                }
            }
            for (Telephone t : c.telephones()) {
                if (t.type() == TelephoneType.MOBILE) {
                    if (settings.importMobiles()) {
                        addChecked(details, issues, c.id(), student, DetailKind.MOBILE, checks.mobile(t.number()));
                    } else {
                        leftOut.mobile();
                    }
                }
            }
        }
        for (Staff st : snapshot.staff()) {
            if (MisText.idProblem(st.id(), MisText.MEMBER_ID) != null) {
                continue; // not imported: its issue is raised with the members
            }
            if (st.email() != null && !st.email().isBlank()) {
                if (settings.importEmails()) {
                    addChecked(details, issues, st.id(), st.id(), DetailKind.EMAIL, checks.email(st.email()));
                } else {
                    leftOut.email();
                }
            }
            if (st.mobile() != null && !st.mobile().isBlank()) {
                if (settings.importMobiles()) {
                    addChecked(details, issues, st.id(), st.id(), DetailKind.MOBILE, checks.mobile(st.mobile()));
                } else {
                    leftOut.mobile();
                }
            }
        }
        return details.list;
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

    /** The details kept so far, in the order first met, each (owner, kind, value) once. */
    private static final class Kept {
        final List<ContactDetail> list;
        /** Keyed without building {@link ContactDetail#key()}: the owners' and values' strings keep their hashes. */
        final Set<Same> seen;

        Kept(int expected) {
            list = new ArrayList<>(expected);
            seen = new HashSet<>(MapSizes.forEntries(expected));
        }

        void add(ContactDetail d) {
            if (seen.add(new Same(d.ownerId(), d.kind(), d.value()))) {
                list.add(d);
            }
        }
    }

    /** What makes two details the same one, as {@link ContactDetail#key()} does. */
    private record Same(String owner, DetailKind kind, String value) {
        @Override
        public int hashCode() {
            return (owner.hashCode() * 31 + kind.ordinal()) * 31 + value.hashCode();
        }
    }
}
