package io.soundmark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code soundmark index}: the commands that build and describe a segment index. */
@Command(name = "index", mixinStandardHelpOptions = true, usageHelpWidth = 110,
        description = "Build and describe an on-disk index of segment records (see 'search' and 'detect').",
        subcommands = {IndexAddCommand.class, IndexInfoCommand.class})
final class IndexCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
