package io.soundmark.spark;

import java.io.PrintWriter;
import picocli.CommandLine;

/** What the job jar's command lines share: exit statuses and one-line errors. */
final class CommandLines {

    /** Exit status of a bad argument or option. */
    static final int USAGE = 2;
    /** Exit status of a run that could not be done. */
    static final int FAILED = 1;

    private CommandLines() {
    }

    /** Runs {@code command} on {@code args}; a parse error is one line on stderr and status 2. */
    static int execute(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + e.getMessage() + " (see --help)");
            err.flush();
            return USAGE;
        });
        return cli.execute(args);
    }

    /** Prints {@code error: MESSAGE} and returns {@code status}. */
    static int error(PrintWriter err, String message, int status) {
        err.println("error: " + message);
        err.flush();
        return status;
    }
}
