package dev.govwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import dev.govwatch.samples.DemoScenario;

/**
 * {@code govwatch demo} plays its whole timeline on the embedded stack, offline, and every alert
 * category appears, with the corrected report's alert resolving.
 */
class DemoCommandIT {

    @Test
    void theDemoShowsEveryAlertCategoryAndAResolution(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new Govwatch()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute("demo", "--speed", "3", "--exit", "--timeout-seconds", "300", "--data-dir", dir.resolve("demo").toString());

        assertThat(exit).as(out + "\n" + err).isZero();
        String printed = out.toString();
        for (String category : DemoScenario.CATEGORIES) {
            assertThat(printed).containsPattern("ALERT OPEN +" + category + " ");
        }
        assertThat(printed).containsPattern("ALERT RESOLVED +INCONSISTENT +T4_TOTALS")
                .contains("示范县卫生健康委员会 2025年度政府信息公开工作年度报告未发布")
                .contains("every category has appeared");
        // 关山县's clean report (on a Hanweb portal) raises nothing.
        assertThat(printed.lines().filter(l -> l.contains("ALERT") && l.contains("关山县"))).isEmpty();
        assertThat(Files.exists(dir.resolve("demo").resolve("stack"))).isTrue();
    }
}
