package dev.govwatch.extractor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.govwatch.samples.HostilePages;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.BinaryAvroSerde;
import dev.govwatch.schemas.DeadLetter;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.streams.ServiceConfig;

/**
 * Every page of the hostile corpus goes through the extractor topology and ends as a report, a
 * skipped page (counted) or a dead letter with its reason (counted), and a good page right after it
 * is still extracted: nothing crashes the stream or leaves it stuck. The timeout is a hang detector,
 * not a speed target (speed lives in the benchmarks).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HostilePagesTest {

    @Test
    void everyHostilePageEndsAsAReportASkipOrADeadLetterAndTheStreamGoesOn(@TempDir Path stateDir) {
        ServiceConfig config = ServiceConfig.of(ExtractorTopology.APPLICATION_ID, Map.of(ServiceConfig.BOOTSTRAP_SERVERS, "unused:9092",
                ServiceConfig.SERDES, "binary", ServiceConfig.STATE_DIR, stateDir.toString(),
                ServiceConfig.PROCESSING_GUARANTEE, "at_least_once"));
        List<String> outcomes = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(ExtractorTopology.build(config), config.streamsProperties())) {
            TestInputTopic<String, FetchedPage> pages = driver.createInputTopic(Topics.PAGES.name(), new StringSerializer(),
                    new BinaryAvroSerde<>(FetchedPage.class).serializer());
            TestOutputTopic<String, AnnualReport> reports = driver.createOutputTopic(Topics.REPORTS.name(), new StringDeserializer(),
                    new BinaryAvroSerde<>(AnnualReport.class).deserializer());
            TestOutputTopic<String, DeadLetter> deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), new StringDeserializer(),
                    new BinaryAvroSerde<>(DeadLetter.class).deserializer());
            List<HostilePages.Case> corpus = HostilePages.all();
            assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
            int n = 0;
            for (HostilePages.Case c : corpus) {
                String url = "http://hostile.example/" + (n++) + ".html";
                double skippedBefore = counter(driver, "pages-skipped-total");
                double deadBefore = counter(driver, "pages-dead-lettered-total");
                pages.pipeInput(url, PageShapes.page(c.body(), c.contentType(), url));
                List<AnnualReport> extracted = reports.readValuesToList();
                List<DeadLetter> letters = deadLetters.readValuesToList();
                String outcome;
                if (!letters.isEmpty()) {
                    assertThat(letters).as(c.name()).singleElement().satisfies(l -> {
                        assertThat(l.getUrl()).isEqualTo(url);
                        assertThat(l.getError()).isNotBlank();
                    });
                    outcome = "dead letter: " + letters.get(0).getError().lines().findFirst().orElse("");
                    // Dead letters from the processor are counted; the processing-exception handler's are not.
                    assertThat(counter(driver, "pages-dead-lettered-total") - deadBefore).as(c.name()).isBetween(0.0, 1.0);
                } else if (!extracted.isEmpty()) {
                    assertThat(extracted).as(c.name()).hasSize(1);
                    AnnualReport r = extracted.get(0);
                    outcome = "report (" + r.getTables().size() + " tables, " + r.getWarnings().size() + " warnings)";
                } else {
                    assertThat(counter(driver, "pages-skipped-total")).as(c.name() + ": neither report, dead letter nor skip")
                            .isEqualTo(skippedBefore + 1);
                    outcome = "skipped: not a report";
                }
                outcomes.add(String.format("%-46s → %s", c.name(), outcome.length() > 140 ? outcome.substring(0, 140) + "…" : outcome));

                FetchedPage good = PageShapes.page(new Report2021Page(n).html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8",
                        "http://good.example/" + n + ".html");
                pages.pipeInput(good.getUrl(), good);
                assertThat(reports.readValuesToList()).as("a good page after '" + c.name() + "'").hasSize(1);
                assertThat(deadLetters.isEmpty()).isTrue();
            }
        }
        outcomes.forEach(System.out::println);
    }

    private static double counter(TopologyTestDriver driver, String name) {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getKey().group().equals(ExtractProcessor.METRIC_GROUP))
                .map(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .findFirst().orElse(0.0);
    }
}
