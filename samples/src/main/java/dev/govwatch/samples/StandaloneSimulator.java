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
 * <p>Usage: {@code StandaloneSimulator <portals> <reportsPerPortal> <threads> <column-url-file>}
 */
public final class StandaloneSimulator {

    private StandaloneSimulator() {
    }

    public static void main(String[] args) throws Exception {
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
}
