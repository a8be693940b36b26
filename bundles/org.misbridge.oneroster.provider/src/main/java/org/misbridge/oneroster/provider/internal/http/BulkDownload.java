package org.misbridge.oneroster.provider.internal.http;

import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.misbridge.api.AuditTrail;
import org.misbridge.api.directory.AuditRecord;
import org.misbridge.oneroster.provider.internal.audit.ProviderAudit;
import org.misbridge.oneroster.provider.internal.auth.Grant;
import org.misbridge.oneroster.provider.internal.auth.Scope;
import org.misbridge.oneroster.provider.internal.export.BulkCsv;
import org.misbridge.oneroster.provider.internal.mapping.RosterView;
import org.misbridge.oneroster.provider.internal.query.OneRosterException;

/**
 * {@code schools/{id}/bulk.zip}: the school's OneRoster 1.2 bulk CSV set, written by {@link BulkCsv}
 * as {@code school:export-oneroster} writes it, streamed to the client (never to disk). It is every
 * contact detail of the whole school at once, so it needs the full scope; a school the client may not
 * read is 404 as for {@code schools/{id}}, and each download is in the school's audit trail before a
 * byte of it is sent.
 */
final class BulkDownload {
    /** The path after the rostering base. */
    private static final Pattern PATH = Pattern.compile("/schools/([^/]+)/bulk\\.zip");

    private final RosterEndpoints endpoints;
    private final AuditTrail trail;
    private final Clock clock;

    BulkDownload(RosterEndpoints endpoints, AuditTrail trail, Clock clock) {
        this.endpoints = endpoints;
        this.trail = trail;
        this.clock = clock;
    }

    /** The school a path asks for the set of, or null when it is not a bulk download. */
    static @Nullable String school(String path) {
        Matcher m = PATH.matcher(path);
        return m.matches() ? m.group(1) : null;
    }

    /** The set as an answer to stream; the audit record is written first, so a failure of it sends nothing. */
    Answer answer(Grant grant, String schoolId, Map<String, String[]> parameters, String baseUrl) {
        if (!Scope.full(grant.scopes())) {
            throw OneRosterException.forbidden("the bulk CSV set holds every contact detail: it needs the scope "
                    + Scope.FULL.uri());
        }
        if (!parameters.isEmpty()) {
            throw OneRosterException.badData("bulk.zip takes no parameters: it is always the whole school");
        }
        RosterView view = endpoints.school(grant, schoolId, baseUrl);
        ProviderAudit.record(trail, schoolId, new AuditRecord(clock.instant(), grant.client().id(), ProviderAudit.DOWNLOAD,
                "schools/" + schoolId + "/bulk.zip", view.users().size()));
        return Answer.file(Map.of("Content-Disposition", "attachment; filename=\"" + schoolId + "-oneroster.zip\""),
                "application/zip", out -> BulkCsv.write(view, schoolId, out));
    }
}
