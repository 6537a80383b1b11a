package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.govwatch.crawler.CrawlSink;
import dev.govwatch.crawler.Crawler;
import dev.govwatch.crawler.CrawlerSettings;
import dev.govwatch.crawler.PortalDiscovery;
import dev.govwatch.crawler.PortalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code govwatch portals validate FILE}: checks a portal file and reports every error with its line;
 * {@code govwatch portals discover URL…}: writes portal-file entries for the report columns found
 * from each portal's home page.
 */
@Command(name = "portals", mixinStandardHelpOptions = true, description = "Work with portal files.",
        subcommands = {PortalsCommand.Validate.class, PortalsCommand.Discover.class})
final class PortalsCommand {

    @Command(name = "discover", mixinStandardHelpOptions = true,
            description = "Find each portal's annual-report columns (the government's, its departments' and towns') from its "
                    + "home page, politely (robots.txt, a delay per host), and write them as portal-file entries.")
    static final class Discover implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "URL", arity = "1..*", description = "Portal home pages.")
        private List<String> homes;

        @Option(names = "--out", description = "Write the entries here (default: standard output).")
        private Path out;

        @Option(names = "--max-depth", defaultValue = "6", description = "Links followed from the home page at most (default: ${DEFAULT-VALUE}).")
        private int maxDepth;

        @Option(names = "--max-pages", defaultValue = "500", description = "Pages read per portal at most (default: ${DEFAULT-VALUE}).")
        private int maxPages;

        @Option(names = "--min-delay-ms", defaultValue = "2000", description = "Least pause between two requests to one host (default: ${DEFAULT-VALUE}).")
        private long minDelayMs;

        @Option(names = "--allow-private-addresses", description = "Follow links to loopback and private addresses (simulated portals).")
        private boolean allowPrivate;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            for (String home : homes) {
                if (!home.matches("(?i)https?://[^/]+.*")) {
                    err.println("govwatch portals discover: not an http(s) URL: " + home);
                    return 2;
                }
            }
            List<PortalDiscovery.Found> found = new ArrayList<>();
            CrawlSink discard = new CrawlSink() {
                @Override
                public void page(dev.govwatch.schemas.FetchedPage page) {
                }

                @Override
                public void state(dev.govwatch.schemas.CrawlState state) {
                }

                @Override
                public void portalStatus(dev.govwatch.schemas.PortalStatus status) {
                }
            };
            try (Crawler crawler = new Crawler(CrawlerSettings.defaults().withDefaultDelay(Duration.ofMillis(minDelayMs)), discard,
                    Clock.systemUTC())) {
                PortalDiscovery discovery = new PortalDiscovery(crawler, maxDepth, maxPages);
                for (String home : homes) {
                    PortalDiscovery.Found portal = discovery.discover(home, minDelayMs, allowPrivate);
                    err.printf("%s: %d page(s) read, %d report column(s)%s%n", home, portal.pagesRead(), portal.columns().size(),
                            portal.problems().isEmpty() ? "" : ", " + portal.problems().size() + " problem(s) (in the file's comments)");
                    err.flush();
                    found.add(portal);
                }
            }
            String yaml = PortalDiscoveryWriter.yaml(found, allowPrivate, Instant.now());
            if (out == null) {
                spec.commandLine().getOut().print(yaml);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(out, yaml);
                err.println("written to " + out + "; check it with ./govwatch portals validate " + out);
            }
            return found.stream().allMatch(f -> f.columns().isEmpty()) ? 1 : 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a portal file; print every error with its line. Exit 0 when valid, 1 when not.")
    static final class Validate implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "The portal file (YAML).")
        private Path file;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!java.nio.file.Files.isRegularFile(file)) {
                err.println("govwatch portals validate: " + file + ": no such file");
                return 1;
            }
            PortalFile.Result result = PortalFile.read(file);
            if (result.ok()) {
                out.println(file + ": " + result.portals().size() + " portal(s), "
                        + result.portals().stream().mapToInt(p -> p.getListPages().size()).sum() + " report column(s), "
                        + result.portals().stream().mapToInt(p -> p.getExpectedAgencies().size()).sum() + " expected agencies");
                out.flush();
                return 0;
            }
            result.errors().forEach(e -> err.println(file + ": " + e));
            err.flush();
            return 1;
        }
    }
}
