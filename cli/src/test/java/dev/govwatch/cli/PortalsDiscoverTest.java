package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.crawler.PortalFile;
import dev.govwatch.samples.PortalSimulator;
import dev.govwatch.samples.PortalTree;
import dev.govwatch.schemas.Portal;
import picocli.CommandLine;

/** {@code govwatch portals discover} writes a portal file that {@code portals validate} accepts and the crawler reads. */
class PortalsDiscoverTest {

    @Test
    void discoveredEntriesAreAValidPortalFileWithEveryColumnAndAgency(@TempDir Path dir) throws Exception {
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site trs = simulator.addSite("trs", 70, StandardCharsets.UTF_8);
            PortalSimulator.Site hanweb = simulator.addSite("hanweb", 71, StandardCharsets.UTF_8);
            PortalTree one = PortalTree.serve(trs, PortalTree.Family.TRS, "甲县", 4, 2);
            PortalTree two = PortalTree.serve(hanweb, PortalTree.Family.HANWEB, "乙县", 3, 1);
            Path file = dir.resolve("found.yml");

            Run discover = run("portals", "discover", one.home(), two.home(), "--out", file.toString(), "--min-delay-ms", "5",
                    "--allow-private-addresses");
            assertThat(discover.exit).as(discover.err).isZero();
            assertThat(discover.err).contains(one.home() + ": ").contains("report column(s)");
            String yaml = Files.readString(file);
            assertThat(yaml).contains("# 甲县人民政府: 首页 → 政府信息公开 → 政府信息公开年报");

            Run validate = run("portals", "validate", file.toString());
            assertThat(validate.exit).as(validate.err + yaml).isZero();
            PortalFile.Result read = PortalFile.read(file);
            assertThat(read.portals()).hasSize(2);
            Portal first = read.portals().get(0);
            assertThat(first.getName()).isEqualTo("甲县人民政府");
            assertThat(first.getHome()).isEqualTo(one.home());
            assertThat(first.getListPages()).containsExactlyInAnyOrderElementsOf(one.columns().stream().map(PortalTree.Column::url).toList());
            assertThat(first.getExpectedAgencies()).extracting(a -> a.getName() + " " + a.getLevel())
                    .containsExactlyInAnyOrderElementsOf(one.columns().stream().map(c -> c.agency() + " " + c.level()).toList());
            assertThat(read.portals().get(1).getListPages()).hasSize(two.columns().size());
        }
    }

    @Test
    void aPortalWithoutReportColumnsIsSaidAndExitsNonZero(@TempDir Path dir) throws Exception {
        try (PortalSimulator simulator = new PortalSimulator()) {
            PortalSimulator.Site empty = simulator.addSite("empty", 72, StandardCharsets.UTF_8);
            empty.serve("/index.html", PortalSimulator.Response.of(200, "text/html",
                    "<html><head><title>丙县人民政府</title></head><body>建设中</body></html>".getBytes(StandardCharsets.UTF_8)));
            Run discover = run("portals", "discover", empty.baseUrl() + "/index.html", "--min-delay-ms", "5", "--allow-private-addresses");
            assertThat(discover.exit).isEqualTo(1);
            assertThat(discover.out).contains("no report column found");
            assertThat(run("portals", "discover", "ftp://x.gov.cn/").exit).isEqualTo(2);
        }
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
