package dev.govwatch.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.Decision;
import dev.govwatch.schemas.DecisionRequest;
import dev.govwatch.schemas.EarlierDecision;
import dev.govwatch.schemas.Topics;
import dev.govwatch.schemas.Verdict;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code govwatch review ALERT_ID --confirm | --dismiss REASON | --snooze DATE | --withdraw}: records a
 * reviewer's decision on {@link Topics#DECISIONS}, made on the alert as it is now (its evidence
 * digest kept, so a later change of its figures shows), after any earlier decision (kept as the
 * audit trail). Without a verdict it prints the alert's decision and trail.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = "Confirm, dismiss (with a reason) or snooze an alert, or show its decisions; decisions survive every replay.")
final class ReviewCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClusterOptions cluster;

    @Parameters(index = "0", paramLabel = "ALERT_ID", description = "The alert's id, as `govwatch alerts --format json` prints it.")
    private String alertId;

    static final class VerdictOption {
        @Option(names = "--confirm", description = "The finding is real and being acted on.")
        boolean confirm;

        @Option(names = "--dismiss", paramLabel = "REASON", description = "Not a problem; the reason is required.")
        String dismiss;

        @Option(names = "--snooze", paramLabel = "DATE", description = "Set aside until DATE (yyyy-mm-dd), e.g. when a corrected report is due.")
        String snooze;

        @Option(names = "--withdraw", description = "Take the decision back: the alert is undecided again.")
        boolean withdraw;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private VerdictOption verdict;

    @Option(names = "--reason", description = "Why (optional except with --dismiss, where it is the option's value).")
    private String reason;

    @Option(names = "--reviewer", description = "Who decides (default: the login name, ${DEFAULT-VALUE}).",
            defaultValue = "${sys:user.name}")
    private String reviewer;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterOptions.Cluster target;
        try {
            target = cluster.resolve(System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("govwatch review: " + e.getMessage());
            return 2;
        }
        Map<String, Alert> alerts;
        Map<String, Decision> decisions;
        try {
            alerts = TopicSnapshot.read(target, Topics.ALERTS, alertId::equals);
            decisions = TopicSnapshot.read(target, Topics.DECISIONS, id -> true);
        } catch (KafkaException e) {
            err.println("govwatch review: cannot read " + target.describe() + " (" + e.getMessage() + "); is it running?");
            return 2;
        }
        Alert alert = alerts.get(alertId);
        if (alert == null) {
            err.println("govwatch review: no alert " + alertId + " in " + target.describe()
                    + " (ids as `govwatch alerts --format json` prints them)");
            return 2;
        }
        // A decision made under an id the alert went by before continues its trail.
        Decision previous = dev.govwatch.schemas.Review.decisionFor(alert, decisions::get);
        if (verdict == null) {
            printTrail(out, alert, previous);
            return 0;
        }
        DecisionRequest request;
        try {
            request = request();
        } catch (DateTimeParseException e) {
            err.println("govwatch review: --snooze " + verdict.snooze + ": not a date (yyyy-mm-dd)");
            return 2;
        }
        List<String> problems = request.problems(LocalDate.now(clock));
        if (!problems.isEmpty()) {
            err.println("govwatch review: " + String.join("; ", problems));
            return 2;
        }
        Decision decision = request.applyTo(previous, alert, clock.instant());
        Map<String, Object> config = new HashMap<>(target.client());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, Decision> producer = new KafkaProducer<>(config, new StringSerializer(),
                AvroSerdes.<Decision>serializer(target.registry()))) {
            producer.send(new ProducerRecord<>(Topics.DECISIONS.name(), alertId, decision)).get(30, TimeUnit.SECONDS);
        }
        out.printf("%s %s by %s%s: %s%n", decision.getVerdict(), alertId, decision.getReviewer(),
                decision.getReason() == null ? "" : " (" + decision.getReason() + ")", alert.getMessage());
        out.flush();
        return 0;
    }

    private DecisionRequest request() {
        Verdict v;
        String why = reason;
        LocalDate until = null;
        if (verdict.confirm) {
            v = Verdict.CONFIRMED;
        } else if (verdict.dismiss != null) {
            v = Verdict.DISMISSED;
            why = verdict.dismiss;
        } else if (verdict.snooze != null) {
            v = Verdict.SNOOZED;
            until = LocalDate.parse(verdict.snooze.trim());
        } else {
            v = Verdict.WITHDRAWN;
        }
        return new DecisionRequest(alertId, v, why, until, reviewer);
    }

    private void printTrail(PrintWriter out, Alert alert, Decision decision) {
        out.printf("%s %s %s: %s%n", alert.getStatus(), alert.getCategory(), alertId, alert.getMessage());
        out.println("review: " + dev.govwatch.schemas.Review.of(alert, decision, LocalDate.now(clock)).status());
        if (decision != null) {
            for (EarlierDecision e : decision.getEarlier()) {
                out.printf("  %s %-10s %s%s%n", e.getDecidedAt(), e.getVerdict(), e.getReviewer(),
                        e.getReason() == null ? "" : " — " + e.getReason());
            }
            out.printf("  %s %-10s %s%s%s%n", decision.getDecidedAt(), decision.getVerdict(), decision.getReviewer(),
                    decision.getReason() == null ? "" : " — " + decision.getReason(),
                    decision.getSnoozedUntil() == null ? "" : " until " + decision.getSnoozedUntil());
        }
        out.flush();
    }
}
