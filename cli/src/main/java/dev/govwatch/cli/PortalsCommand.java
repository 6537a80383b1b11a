package dev.govwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.govwatch.crawler.PortalFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code govwatch portals validate FILE}: checks a portal file and reports every error with its line. */
@Command(name = "portals", mixinStandardHelpOptions = true, description = "Work with portal files.",
        subcommands = PortalsCommand.Validate.class)
final class PortalsCommand {

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
