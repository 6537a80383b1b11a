package dev.govwatch.cli;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.govwatch.crawler.PortalDiscovery;

/**
 * What {@code govwatch portals discover} found, as portal-file entries: one portal per home page,
 * its report columns and expected agencies, each with a comment saying how it was found, so that a
 * person can check it before watching it.
 */
final class PortalDiscoveryWriter {

    private PortalDiscoveryWriter() {
    }

    static String yaml(List<PortalDiscovery.Found> found, boolean allowPrivateAddresses, Instant at) {
        StringBuilder y = new StringBuilder("# written by govwatch portals discover, ").append(at).append('\n');
        y.append("# check the columns and agencies before watching them: ./govwatch portals validate FILE\n");
        y.append("portals:\n");
        Set<String> ids = new HashSet<>();
        for (PortalDiscovery.Found portal : found) {
            y.append("  # from ").append(portal.home()).append(": ").append(portal.pagesRead()).append(" page(s) read, ")
                    .append(portal.columns().size()).append(" report column(s)\n");
            for (String problem : portal.problems()) {
                y.append("  #   ").append(problem.replace('\n', ' ')).append('\n');
            }
            if (portal.columns().isEmpty()) {
                y.append("  # no report column found: not written\n");
                continue;
            }
            y.append("  - id: ").append(id(portal.home(), ids)).append('\n');
            y.append("    name: ").append(quoted(portal.name() == null ? portal.home() : portal.name())).append('\n');
            y.append("    home: ").append(quoted(portal.home())).append("   # a column that drifts is looked for again from here\n");
            y.append("    listPages:\n");
            for (PortalDiscovery.Column c : portal.columns()) {
                y.append("      # ").append(c.agency()).append(": ").append(String.join(" → ", c.trail())).append(" (")
                        .append(c.reports()).append(" report(s) listed)\n");
                y.append("      - ").append(quoted(c.url())).append('\n');
            }
            y.append("    expectedAgencies:\n");
            Set<String> agencies = new LinkedHashSet<>();
            for (PortalDiscovery.Column c : portal.columns()) {
                if (c.agency() != null && agencies.add(c.agency())) {
                    y.append("      - {name: ").append(quoted(c.agency())).append(", level: ").append(c.level()).append("}\n");
                }
            }
            if (allowPrivateAddresses) {
                y.append("    allowPrivateAddresses: true\n");
            }
        }
        return y.toString();
    }

    /** www.yiyuan.gov.cn → yiyuan; a second portal of that name gets -2. */
    static String id(String home, Set<String> taken) {
        String host = java.net.URI.create(home).getHost().toLowerCase(Locale.ROOT);
        String base = host.replaceFirst("^www\\.", "").replaceFirst("\\.(gov\\.cn|com\\.cn|cn|com|org|net)$", "")
                .replaceAll("[^a-z0-9]+", "-");
        String id = base;
        for (int n = 2; !taken.add(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
