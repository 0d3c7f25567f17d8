package io.soundmark.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code soundmark} command line: {@code java -jar soundmark.jar embed --audio FILE --model demo}.
 *
 * <p>Exit status: 0 on success, 1 when an input or the model fails, 2 for a usage error. Errors are
 * one line on stderr (a stack trace too with {@code --verbose}); warnings are lines starting
 * {@code warning:}.
 */
@Command(name = "soundmark", mixinStandardHelpOptions = true, usageHelpWidth = 110, versionProvider = SoundmarkCommand.Version.class,
        description = "CLAP audio fingerprints: one embedding per overlapping time window of an audio file or a video's audio track.",
        subcommands = {EmbedCommand.class, DecodeCommand.class, BenchCommand.class, IndexCommand.class, SearchCommand.class,
                DetectCommand.class, DetectionBenchCommand.class, SearchBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class SoundmarkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage on stderr, and the status of a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Failures.USAGE;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit status. */
    static int execute(String... args) {
        configureLogging(Arrays.asList(args).contains("--verbose"));
        CommandLine cli = new CommandLine(new SoundmarkCommand());
        cli.setParameterExceptionHandler((e, a) -> Failures.report(e.getCommandLine().getErr(), e, false));
        cli.setExecutionExceptionHandler((e, c, parsed) -> Failures.report(c.getErr(), e, false));
        return cli.execute(args);
    }

    /** Library logging (ours and DJL's) stays quiet unless --verbose; it goes to stderr either way. */
    private static void configureLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "off");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SoundmarkCommand.class.getPackage().getImplementationVersion();
            return new String[] {"soundmark " + (v == null ? "(development build)" : v)};
        }
    }
}
