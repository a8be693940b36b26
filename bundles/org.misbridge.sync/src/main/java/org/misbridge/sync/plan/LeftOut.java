package org.misbridge.sync.plan;

import java.util.ArrayList;
import java.util.List;
import org.misbridge.api.model.ParentalResponsibility;

/**
 * What a school's settings kept out of one sync although the MIS had it, counted while planning and
 * said in the run's message (issue 23: no silent choices).
 */
final class LeftOut {

    private int unknownResponsibility;
    private int noResponsibility;
    private int emails;
    private int mobiles;

    /** A contact link left out because parental responsibility is required. */
    void responsibility(ParentalResponsibility pr) {
        if (pr == ParentalResponsibility.UNKNOWN) {
            unknownResponsibility++;
        } else {
            noResponsibility++;
        }
    }

    void email() {
        emails++;
    }

    void mobile() {
        mobiles++;
    }

    /** Nothing about contacts was looked at (they are paused): nothing to say. */
    void clear() {
        unknownResponsibility = 0;
        noResponsibility = 0;
        emails = 0;
        mobiles = 0;
    }

    List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (unknownResponsibility > 0) {
            notes.add(count(unknownResponsibility, "contact link") + " not imported: their parental responsibility is unknown"
                    + " (the MIS does not state it) and contacts.unknownResponsibilityCounts=false");
        }
        if (noResponsibility > 0) {
            notes.add(count(noResponsibility, "contact link") + " not imported: without parental responsibility"
                    + " (contacts.requireParentalResponsibility=true)");
        }
        if (emails > 0) {
            notes.add(count(emails, "email") + " not imported (contacts.importEmails=false)");
        }
        if (mobiles > 0) {
            notes.add(count(mobiles, "mobile") + " not imported (contacts.importMobiles=false)");
        }
        return notes;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
