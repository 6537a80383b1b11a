package dev.govwatch.bench;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.govwatch.extractor.ExtractorTopology;
import dev.govwatch.extractor.ReportExtractor;
import dev.govwatch.samples.Report2021Page;
import dev.govwatch.schemas.Alert;
import dev.govwatch.schemas.AnnualReport;
import dev.govwatch.schemas.AvroSerdes;
import dev.govwatch.schemas.FetchedPage;
import dev.govwatch.schemas.Topics;
import dev.govwatch.stack.EmbeddedStack;
import dev.govwatch.stack.StackConfig;
import dev.govwatch.streams.ServiceConfig;
import dev.govwatch.streams.StreamsService;
import dev.govwatch.validator.Deadlines;
import dev.govwatch.validator.ValidatorTopology;

/**
 * The pipeline (extractor + validator as Kafka Streams services, exactly-once, on the embedded
 * stack in a fresh temporary directory) under load.
 * <ul>
 *   <li>{@code latency [pagesPerSecond=50] [seconds=60]}: pages published at a steady rate, each with
 *       one wrong 表四 total; prints the time from publishing a page to its alert on the alerts
 *       topic (p50, p90, p99, max).</li>
 *   <li>{@code replay [pages=100000]}: pages generated from the sample report with varied numbers,
 *       charsets and sizes are published first; then the services start and work through them.
 *       Prints pages per second through extractor and validator, the extractor's in-process rate
 *       (no Kafka) on the same pages measured in the same run, and their ratio. The services run with
 *       {@code workload=bulk}, as {@code govwatch replay} runs them; latency with {@code live}, as
 *       {@code govwatch run}; {@code -Dgovwatch.bench.workload=live|bulk} overrides either.</li>
 * </ul>
 * Usage: {@code scripts/bench-pipeline latency|replay [args]}; {@code -Dgovwatch.bench.commit.ms=N}
 * (through {@code BENCH_JAVA_OPTS}) sets the services' commit interval (by default the workload's, as the services
 * would run: 200 ms live, 1 s bulk),
 * {@code -Dgovwatch.bench.kafka.X=V} their setting {@code kafka.X} (a Kafka client or Streams property,
 * e.g. {@code -Dgovwatch.bench.kafka.consumer.fetch.max.wait.ms=100}), {@code -Dgovwatch.bench.pages.compression=none}
 * publishes the pages uncompressed (by default lz4, as the crawler does); {@code -Dgovwatch.bench.keep=true}
 * keeps the stack's data directory, which is otherwise deleted at the end ({@link ScratchDirectory}).
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "latency";
        try (ScratchDirectory scratch = ScratchDirectory.create("govwatch-bench");
             EmbeddedStack stack = startStack(scratch.path())) {
            Path dir = scratch.path();
            if (mode.equals("replay")) {
                replay(stack, dir, args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            } else {
                latency(stack, dir, args.length > 1 ? Integer.parseInt(args[1]) : 50, args.length > 2 ? Integer.parseInt(args[2]) : 60);
            }
        }
    }

    private static EmbeddedStack startStack(Path dir) {
        System.out.println("starting the embedded stack in " + dir + " …");
        return EmbeddedStack.start(StackConfig.fromSystemProperties(Map.of(StackConfig.DATA_DIR, dir.resolve("stack").toString())), true);
    }

    private static void latency(EmbeddedStack stack, Path dir, int rate, int seconds) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 100_000);
        List<byte[]> bodies = new ArrayList<>();
        List<String> agencies = new ArrayList<>();
        for (int i = 0; i < rate * seconds; i++) {
            Report2021Page page = new Report2021Page(i % 20);
            String agency = "延迟县" + run + "第" + i + "局";
            agencies.add(agency);
            bodies.add(page.withReviewTotalOffBy(page.as(agency, 2025, "2026-01-15"), 5).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> alerted = new ConcurrentHashMap<>();
        Map<String, Long> reported = new ConcurrentHashMap<>();
        AtomicBoolean listening = new AtomicBoolean(true);
        try (StreamsService extractor = service(stack, dir, ExtractorTopology.APPLICATION_ID, ServiceConfig.LIVE);
             StreamsService validator = validatorService(stack, dir, ServiceConfig.LIVE)) {
            Thread listener = new Thread(() -> listen(stack, alerted, listening), "alert-listener");
            listener.start();
            // The reports too, to split the latency at the extractor's output: which hop the slow pages lost time in.
            Thread reportListener = new Thread(() -> listen(stack, Topics.REPORTS, AnnualReport::getSourceUrl, reported, listening),
                    "report-listener");
            reportListener.start();
            Thread.sleep(3000); // the listener has its assignment and end offsets
            System.out.printf("publishing %,d pages at %d pages/s …%n", bodies.size(), rate);
            try (KafkaProducer<String, FetchedPage> producer = producer(stack)) {
                long start = System.nanoTime();
                for (int i = 0; i < bodies.size(); i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    String url = "http://latency.example/" + run + "/" + i + ".html";
                    sent.put(url, System.nanoTime());
                    producer.send(new ProducerRecord<>(Topics.PAGES.name(), url, page(url, bodies.get(i))));
                }
                producer.flush();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (alerted.size() < sent.size() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            listening.set(false);
            listener.join();
            reportListener.join();
        }
        long first = sent.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long[] latencies = sent.entrySet().stream().filter(e -> alerted.containsKey(e.getKey()))
                .mapToLong(e -> (alerted.get(e.getKey()) - e.getValue()) / 1_000_000).sorted().toArray();
        // The first seconds include JIT warm-up and the services' first transactions and schema lookups.
        long[] steady = sent.entrySet().stream().filter(e -> alerted.containsKey(e.getKey()) && e.getValue() - first > 10_000_000_000L)
                .mapToLong(e -> (alerted.get(e.getKey()) - e.getValue()) / 1_000_000).sorted().toArray();
        System.out.printf("alerts received for %,d of %,d pages%n", latencies.length, sent.size());
        System.out.printf("page published → alert, all pages:        p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (goal p99 < 1000 ms)%n",
                pct(latencies, 50), pct(latencies, 90), pct(latencies, 99), latencies.length == 0 ? -1 : latencies[latencies.length - 1]);
        System.out.printf("page published → alert, after the first 10 s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                pct(steady, 50), pct(steady, 90), pct(steady, 99), steady.length == 0 ? -1 : steady[steady.length - 1]);
        // Split at the reports topic, for all pages and for those of the first 10 s, where the tail is.
        for (boolean early : new boolean[] {false, true}) {
            long[] toReport = sent.entrySet().stream().filter(e -> reported.containsKey(e.getKey()) && alerted.containsKey(e.getKey())
                            && (!early || e.getValue() - first <= 10_000_000_000L))
                    .mapToLong(e -> (reported.get(e.getKey()) - e.getValue()) / 1_000_000).sorted().toArray();
            long[] toAlert = sent.keySet().stream().filter(u -> reported.containsKey(u) && alerted.containsKey(u)
                            && (!early || sent.get(u) - first <= 10_000_000_000L))
                    .mapToLong(u -> (alerted.get(u) - reported.get(u)) / 1_000_000).sorted().toArray();
            System.out.printf("  %s: page → report p50 %d / p99 %d ms; report → alert p50 %d / p99 %d ms (%,d pages)%n",
                    early ? "pages of the first 10 s" : "all pages", pct(toReport, 50), pct(toReport, 99), pct(toAlert, 50),
                    pct(toAlert, 99), toReport.length);
        }
        firstSeconds(sent, reported, alerted, first);
    }

    /**
     * The first seconds one by one: a stall shows as latencies falling by a second per second of
     * publishing, a backlog as latencies that rise and then drain.
     */
    private static void firstSeconds(Map<String, Long> sent, Map<String, Long> reported, Map<String, Long> alerted, long first) {
        for (int second = 0; second < 12; second++) {
            long from = first + second * 1_000_000_000L;
            long to = from + 1_000_000_000L;
            List<String> urls = sent.entrySet().stream().filter(e -> e.getValue() >= from && e.getValue() < to
                    && reported.containsKey(e.getKey()) && alerted.containsKey(e.getKey())).map(Map.Entry::getKey).toList();
            long[] toReport = urls.stream().mapToLong(u -> (reported.get(u) - sent.get(u)) / 1_000_000).sorted().toArray();
            long[] toAlert = urls.stream().mapToLong(u -> (alerted.get(u) - reported.get(u)) / 1_000_000).sorted().toArray();
            System.out.printf("    second %2d: page → report min %5d / p50 %5d / max %5d ms; report → alert min %5d / p50 %5d / max %5d ms%n",
                    second, pct(toReport, 1), pct(toReport, 50), pct(toReport, 100), pct(toAlert, 1), pct(toAlert, 50),
                    pct(toAlert, 100));
        }
    }

    private static void replay(EmbeddedStack stack, Path dir, int pages) throws Exception {
        System.out.printf("%,d pages (20 sets of figures × UTF-8/GBK × 3 sizes), generated as needed …%n", pages);
        Map<String, String> templates = new HashMap<>();
        java.util.function.IntFunction<FetchedPage> pageAt = i -> {
            int seed = i % 20;
            int size = (i / 20) % 3;
            boolean gbk = (i / 60) % 2 == 1;
            String html = templates.computeIfAbsent(seed + "/" + size, k -> new Report2021Page(seed, new int[] {0, 3_000, 30_000}[size]).html);
            String agency = "回放县第" + i + "局";
            String body = html.replace("测试市测试县人民政府", agency).replace("测试县人民政府", agency);
            Charset charset = gbk ? Charset.forName("GBK") : StandardCharsets.UTF_8;
            return FetchedPage.newBuilder().setUrl("http://replay.example/" + i + ".html").setPortalId("bench").setFetchedAt(Instant.now())
                    .setHttpStatus(200).setContentType(gbk ? "text/html" : "text/html; charset=UTF-8").setCharset(gbk ? null : "UTF-8")
                    .setBody(ByteBuffer.wrap((gbk ? body.replace("charset=\"utf-8\"", "charset=\"gbk\"") : body).getBytes(charset)))
                    .setSha256(Integer.toString(i)).build();
        };
        ReportExtractor extractor = new ReportExtractor();
        for (int i = 0; i < Math.min(2_000, pages); i++) {
            extractor.extract(pageAt.apply(i), Instant.now());
        }
        long extracting = 0;
        for (int i = 0; i < pages; i++) {
            FetchedPage p = pageAt.apply(i);
            long t = System.nanoTime();
            extractor.extract(p, Instant.now());
            extracting += System.nanoTime() - t;
        }
        double inProcess = pages / (extracting / 1e9);
        System.out.printf("extractor in process (no Kafka, one thread, page generation not counted): %.0f pages/s%n", inProcess);

        long bytes = 0;
        System.out.printf("publishing %,d pages to %s …%n", pages, Topics.PAGES.name());
        try (KafkaProducer<String, FetchedPage> producer = producer(stack)) {
            for (int i = 0; i < pages; i++) {
                FetchedPage p = pageAt.apply(i);
                bytes += p.getBody().remaining();
                producer.send(new ProducerRecord<>(Topics.PAGES.name(), p.getUrl(), p));
            }
            producer.flush();
        }
        System.out.printf("published %,d MB%n", bytes >> 20);
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()));
             StreamsService extractorService = service(stack, dir, ExtractorTopology.APPLICATION_ID, ServiceConfig.BULK);
             StreamsService validator = validatorService(stack, dir, ServiceConfig.BULK)) {
            waitCaughtUp(admin, ExtractorTopology.APPLICATION_ID, Topics.PAGES.name(), Topics.PAGES.partitions(), "extractor");
            double extractorDone = (System.nanoTime() - start) / 1e9;
            waitCaughtUp(admin, ValidatorTopology.APPLICATION_ID, Topics.REPORTS.name(), Topics.REPORTS.partitions(), "validator");
            waitCaughtUp(admin, ValidatorTopology.APPLICATION_ID, ValidatorTopology.reportsRepartitionTopic(ValidatorTopology.APPLICATION_ID),
                    Topics.REPORTS.partitions(), "validator (repartition)");
            double wall = (System.nanoTime() - start) / 1e9;
            System.out.printf("extractor caught up after %.1f s; extractor + validator after %.1f s%n", extractorDone, wall);
            System.out.printf("pipeline: %.0f pages/s; ratio to the in-process extractor %.2f (goal ≥ 0.9)%n", pages / wall,
                    pages / wall / inProcess);
        }
    }

    private static void waitCaughtUp(Admin admin, String group, String topic, int partitions, String what) throws Exception {
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long last = -1;
        long lastPrint = 0;
        while (true) {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(query).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long behind = 0;
            for (TopicPartition tp : ends.keySet()) {
                OffsetAndMetadata at = committed.get(tp);
                // A transaction marker may follow the last record.
                behind += Math.max(0, ends.get(tp) - 1 - (at == null ? 0 : at.offset()));
            }
            if (behind == 0 && last == 0) {
                return;
            }
            if (System.nanoTime() - lastPrint > 10_000_000_000L) {
                System.out.printf("  %s: %,d records behind%n", what, behind);
                lastPrint = System.nanoTime();
            }
            last = behind;
            Thread.sleep(500);
        }
    }

    private static void listen(EmbeddedStack stack, Map<String, Long> alerted, AtomicBoolean listening) {
        listen(stack, Topics.ALERTS, Alert::getUrl, alerted, listening);
    }

    /** Notes when each URL's first record appears on {@code topic}, read as committed. */
    private static <V extends org.apache.avro.specific.SpecificRecord> void listen(EmbeddedStack stack,
            dev.govwatch.schemas.Topic<V> topic, java.util.function.Function<V, String> url, Map<String, Long> seen,
            AtomicBoolean listening) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                AvroSerdes.<V>deserializer(stack.registry()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (listening.get()) {
                for (var record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (record.value() != null && url.apply(record.value()) != null) {
                        seen.putIfAbsent(url.apply(record.value()), now);
                    }
                }
            }
        }
    }

    private static StreamsService service(EmbeddedStack stack, Path dir, String appId, String workload) {
        ServiceConfig config = config(stack, dir, appId, workload);
        return StreamsService.start(appId, ExtractorTopology.build(config), config, (short) 1, Duration.ofMinutes(2),
                new dev.govwatch.cli.ExtractorWarmUp(config.valueSerdes()));
    }

    private static StreamsService validatorService(EmbeddedStack stack, Path dir, String workload) {
        ServiceConfig config = config(stack, dir, ValidatorTopology.APPLICATION_ID, workload);
        return StreamsService.start("validator", ValidatorTopology.build(config, Deadlines.national(),
                ValidatorTopology.MissingPolicy.defaults()), config, (short) 1, Duration.ofMinutes(2),
                new dev.govwatch.cli.ValidatorWarmUp(config.valueSerdes(), config.applicationId(), Deadlines.national()));
    }

    /**
     * The services' settings; {@code workload} is what {@code govwatch run} (live) or {@code govwatch
     * replay} (bulk) would give them, -Dgovwatch.bench.workload=… overrides it.
     */
    private static ServiceConfig config(EmbeddedStack stack, Path dir, String appId, String workload) {
        Map<String, Object> settings = new HashMap<>(Map.of(ServiceConfig.BOOTSTRAP_SERVERS, stack.bootstrapServers(),
                ServiceConfig.REGISTRY_URL, stack.registryUrl(), ServiceConfig.STATE_DIR, dir.resolve("streams").toString(),
                // -Dgovwatch.bench.warmup.ms=0 measures the services started cold.
                ServiceConfig.WARM_UP_MS, Long.getLong("govwatch.bench.warmup.ms", 3_000L),
                // -Dgovwatch.bench.warmup.kafka.ms=0 measures them without their Kafka clients' warm-up.
                ServiceConfig.WARM_UP_KAFKA_MS, Long.getLong("govwatch.bench.warmup.kafka.ms", 3_000L),
                // -Dgovwatch.bench.threads=2 gives each service two stream threads.
                ServiceConfig.THREADS, Integer.getInteger("govwatch.bench.threads", 1),
                ServiceConfig.WORKLOAD, System.getProperty("govwatch.bench.workload", workload)));
        // Unset, the workload's own interval (as the services would run): 200 ms live, 1 s bulk.
        if (System.getProperty("govwatch.bench.commit.ms") != null) {
            settings.put(ServiceConfig.COMMIT_INTERVAL_MS, Long.getLong("govwatch.bench.commit.ms"));
        }
        // -Dgovwatch.bench.kafka.X=V passes the services' setting kafka.X (e.g. kafka.consumer.fetch.max.wait.ms).
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("govwatch.bench.kafka."))
                .forEach(name -> settings.put(name.substring("govwatch.bench.".length()), System.getProperty(name)));
        return ServiceConfig.of(appId, settings);
    }

    private static KafkaProducer<String, FetchedPage> producer(EmbeddedStack stack) {
        // Compressed as the crawler publishes them: the extractor reads lz4 batches in production.
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, System.getProperty("govwatch.bench.pages.compression",
                        dev.govwatch.crawler.KafkaCrawlSink.COMPRESSION)),
                new StringSerializer(), AvroSerdes.<FetchedPage>serializer(stack.registry()));
    }

    private static FetchedPage page(String url, byte[] body) {
        return FetchedPage.newBuilder().setUrl(url).setPortalId("bench").setFetchedAt(Instant.now()).setHttpStatus(200)
                .setContentType("text/html; charset=UTF-8").setCharset("UTF-8").setBody(ByteBuffer.wrap(body)).setSha256(url).build();
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

}
