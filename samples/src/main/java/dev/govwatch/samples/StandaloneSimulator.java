package dev.govwatch.samples;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The portal simulator in a process of its own, so that a benchmark measures the crawler's heap
 * and not the simulated servers'. Loads N portals with R reports each, writes one column URL per
 * line to a file, prints {@code READY}, then answers commands on standard input:
 * {@code stats} prints {@code STATS requests=<all> busiest=<requests at the busiest host>}, and
 * {@code quit} (or end of input) stops.
 *
 * <p>Usage: {@code StandaloneSimulator <portals> <reportsPerPortal> <threads> <column-url-file>}, or
 * {@code StandaloneSimulator national <hosts> <columnsPerHost> <reportsPerColumn> <threads> <file>} for
 * {@link NationalPortals} (the file gets one line per host, its column URLs separated by tabs; the
 * stats add {@code notModified}, {@code bytes} and the simulator's own {@code cpuMs}, and
 * {@code reset} starts the counts again).
 */
public final class StandaloneSimulator {

    private StandaloneSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("national")) {
            national(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Path.of(args[5]));
            return;
        }
        if (args.length != 4) {
            System.err.println("usage: StandaloneSimulator <portals> <reportsPerPortal> <threads> <column-url-file>");
            System.exit(2);
        }
        int portals = Integer.parseInt(args[0]);
        int reports = Integer.parseInt(args[1]);
        ExecutorService threads = Executors.newFixedThreadPool(Integer.parseInt(args[2]));
        String html = new Report2021Page(1).html;
        try (PortalSimulator simulator = new PortalSimulator(threads)) {
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < portals; i++) {
                PortalSimulator.Site site = simulator.addSite("p" + i, i, StandardCharsets.UTF_8);
                for (int r = 0; r < reports; r++) {
                    site.publish("2024年政府信息公开工作年度报告" + r, html);
                }
                columns.add(site.columnUrl());
            }
            Files.write(Path.of(args[3]), columns, StandardCharsets.UTF_8);
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    List<PortalSimulator.Hit> hits = simulator.hits();
                    Map<String, Long> perHost = hits.stream()
                            .collect(Collectors.groupingBy(PortalSimulator.Hit::host, Collectors.counting()));
                    long busiest = perHost.values().stream().mapToLong(Long::longValue).max().orElse(0);
                    System.out.println("STATS requests=" + hits.size() + " busiest=" + busiest);
                    System.out.flush();
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void national(int hosts, int columns, int reports, int threads, Path file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (NationalPortals portals = new NationalPortals(hosts, columns, reports, pool)) {
            Files.write(file, portals.columnUrls().stream().map(urls -> String.join("\t", urls)).toList(), StandardCharsets.UTF_8);
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                if (line.equals("stats")) {
                    long cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
                    System.out.println("STATS " + portals.stats() + " cpuMs=" + cpu);
                } else if (line.equals("reset")) {
                    portals.reset();
                    System.out.println("RESET");
                }
                System.out.flush();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
