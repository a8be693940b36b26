package org.misbridge.testkit;

/**
 * What {@link SchoolGenerator} actually wrote for one school, counted from the rows as they were written.
 *
 * @param orgSourcedId  the school org's sourcedId
 * @param students      all student user rows
 * @param onRoll        {@code students - preAdmissions - leavers}
 * @param preAdmissions students whose every enrollment begins after {@code today}
 * @param leavers       students whose every enrollment ended before {@code today}
 * @param staff         teacher user rows
 * @param contacts      parent/guardian user rows
 * @param primeParents  distinct contacts listed first in at least one student's agentSourcedIds
 * @param classes       class rows (homerooms plus scheduled subject classes)
 * @param invalidEmails contact rows given a deliberately invalid email
 * @param invalidMobiles contact rows given a deliberately invalid mobile in {@code sms}
 */
public record GeneratedSchool(
        String orgSourcedId,
        int students,
        int onRoll,
        int preAdmissions,
        int leavers,
        int staff,
        int contacts,
        int primeParents,
        int classes,
        int invalidEmails,
        int invalidMobiles) {

    /** One human-readable line, as printed by {@link SchoolGenerator#main(String[])}. */
    public String summary() {
        return "school=" + orgSourcedId + " students=" + students + " onRoll=" + onRoll
                + " preAdmissions=" + preAdmissions + " leavers=" + leavers + " staff=" + staff
                + " contacts=" + contacts + " primeParents=" + primeParents + " classes=" + classes
                + " invalidEmails=" + invalidEmails + " invalidMobiles=" + invalidMobiles;
    }
}
