package io.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.latchkey.testkit.CliProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code latchkey serve --help} lists every setting: each option with its environment variable, and the settings
 * read only from the environment (secrets), with their defaults. The list of environment-only names is taken from
 * the server's source, so a new one that the help forgets fails here.
 */
class ServeHelpTest {
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\(\"(LATCHKEY_[A-Z_]+)\"\\)");
    private static final Pattern OPTION_ENV = Pattern.compile("\\$\\{env:(LATCHKEY_[A-Z_]+)");

    @Test
    void helpNamesEveryOptionAndEveryEnvironmentOnlySetting() throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/latchkey/Main.java"));
        Set<String> environmentOnly = names(GETENV, source);
        Set<String> options = names(OPTION_ENV, source);
        assertThat(environmentOnly).contains("LATCHKEY_MASTER_KEY", "LATCHKEY_SMTP_PASSWORD");

        CliProcess.Outcome help = CliProcess.run(null, "serve", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        for (String name : environmentOnly) {
            assertThat(help.stdout()).as("help names " + name).contains(name);
        }
        for (String name : options) {
            assertThat(help.stdout()).as("help names " + name).contains(name);
        }
        assertThat(help.stdout()).contains("default: a key generated in <data-dir>/master.key");
    }

    private static Set<String> names(Pattern p, String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) out.add(m.group(1));
        return out;
    }
}
