package dev.govwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code govwatch} command: one entry point for running and inspecting the pipeline. */
@Command(name = "govwatch", mixinStandardHelpOptions = true, version = "govwatch 0.1.0-SNAPSHOT",
        description = "Watches government information-disclosure annual reports.",
        subcommands = {DemoCommand.class, RunCommand.class, AlertsCommand.class, MetricsCommand.class, ExportCommand.class, ReviewCommand.class, StackCommand.class, ExtractCommand.class, ExtractorCommand.class, ValidatorCommand.class, NotifierCommand.class, ReplayCommand.class,
            RulesCommand.class, CheckCommand.class, PortalsCommand.class, CrawlerCommand.class, CommandLine.HelpCommand.class})
public final class Govwatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by main and the tests. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Govwatch());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("govwatch: " + e.getMessage());
            return 1;
        });
        return cli;
    }
}
