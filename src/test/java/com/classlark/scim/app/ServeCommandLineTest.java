package com.classlark.scim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The command line the service starts with, which models only {@code serve}, answers every {@code
 * serve} invocation that ends before the service starts (usage, version, bad arguments) exactly as
 * the full command line does.
 */
class ServeCommandLineTest {
  private record Run(int exitCode, String out, String err) {}

  private static Run run(CommandLine commandLine, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  static List<List<String>> invocations() {
    return List.of(
        List.of("serve", "--help"),
        List.of("serve", "-h"),
        List.of("serve", "--version"),
        List.of("serve", "--port", "eighty"),
        List.of("serve", "--port", "70000"),
        List.of("serve", "--prot", "8080"),
        List.of("serve", "--log-format", "xml"),
        List.of("serve", "extra"));
  }

  @ParameterizedTest
  @MethodSource("invocations")
  void answersAsTheFullCommandLine(List<String> args) {
    String[] arguments = args.toArray(String[]::new);

    Run full = run(Main.commandLine(), arguments);
    Run serveOnly = run(Main.serveCommandLine(), arguments);

    assertThat(serveOnly).isEqualTo(full);
    assertThat(full.out() + full.err()).as("the full command line answers").isNotBlank();
  }
}
