package org.misbridge.sync.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.misbridge.api.Directory;
import org.misbridge.api.Role;
import org.misbridge.api.UnsafeCharacters;
import org.misbridge.api.directory.DataIssue;
import org.misbridge.shell.CommandJson;

/** Lists a school's data issues: what the last sync could not import, and why. */
@Service
@Command(scope = "school", name = "issues", description = "Lists a school's data issues (invalid details, refused syncs), optionally of one kind.")
public final class IssuesCommand extends SchoolCommandSupport {

    @Reference
    private Directory directory;

    @Option(name = "--kind", description = "Only issues of this kind, e.g. invalid-email, invalid-mobile, deletion-threshold.")
    private String kind;

    @Override
    protected Role role() {
        return Role.VIEWER;
    }

    @Override
    protected Object run() {
        List<DataIssue> issues = directory.dataIssues(school).stream()
                .filter(i -> kind == null || kind.equals(i.kind())).toList();
        if (json) {
            System.out.println(CommandJson.write(issues.stream().map(IssuesCommand::asMap).toList()));
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("Member");
        table.column("Contact");
        table.column("Field");
        table.column("Reason");
        issues.forEach(i -> table.addRow().addContent(UnsafeCharacters.printable(i.kind(), blank(i.memberId()),
                blank(i.personId()), blank(i.field()), i.reason())));
        table.print(System.out);
        System.out.println(issues.size() + " issue(s)");
        return null;
    }

    private static Map<String, Object> asMap(DataIssue i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", i.kind());
        m.put("member", i.memberId());
        m.put("contact", i.personId());
        m.put("field", i.field());
        m.put("reason", i.reason());
        return m;
    }

    private static String blank(String s) {
        return s == null ? "" : s;
    }
}
