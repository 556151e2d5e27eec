package io.latchkey;

import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.app.StartupTraining;
import io.latchkey.notify.SmtpNotifier;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code latchkey serve [options]}. */
@Command(name = "latchkey", mixinStandardHelpOptions = true, version = "Latchkey 0.1.0",
        description = "A self-hosted identity server that speaks the PingOne Platform and Auth APIs.",
        subcommands = {Main.Serve.class, Main.Train.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Start the server. Every option can also be set with its LATCHKEY_* environment variable.")
    static final class Serve implements Callable<Integer> {
        private static final Logger log = LoggerFactory.getLogger("latchkey");

        @Option(names = "--port", defaultValue = "${env:LATCHKEY_PORT:-8080}", description = "HTTP port (LATCHKEY_PORT, default 8080).")
        int port;

        @Option(names = "--data-dir", defaultValue = "${env:LATCHKEY_DATA_DIR:-./latchkey-data}",
                description = "Directory of the embedded database and master key file (LATCHKEY_DATA_DIR).")
        Path dataDir;

        @Option(names = "--base-url", defaultValue = "${env:LATCHKEY_BASE_URL}",
                description = "Public URL used in issuers and links (LATCHKEY_BASE_URL, default http://localhost:<port>).")
        String baseUrl;

        @Option(names = "--database-url", defaultValue = "${env:LATCHKEY_DATABASE_URL}",
                description = "JDBC URL of a PostgreSQL database (LATCHKEY_DATABASE_URL); embedded H2 when absent.")
        String databaseUrl;

        @Option(names = "--database-user", defaultValue = "${env:LATCHKEY_DATABASE_USER}", description = "LATCHKEY_DATABASE_USER")
        String databaseUser;

        @Option(names = "--database-password", defaultValue = "${env:LATCHKEY_DATABASE_PASSWORD}",
                description = "LATCHKEY_DATABASE_PASSWORD", arity = "0..1", interactive = false)
        String databasePassword;

        @Option(names = "--smtp-host", defaultValue = "${env:LATCHKEY_SMTP_HOST}",
                description = "SMTP server for recovery codes (LATCHKEY_SMTP_HOST); without it codes go to <data-dir>/outbox.jsonl.")
        String smtpHost;

        @Option(names = "--smtp-port", defaultValue = "${env:LATCHKEY_SMTP_PORT:-587}", description = "LATCHKEY_SMTP_PORT (587)")
        int smtpPort;

        @Option(names = "--smtp-user", defaultValue = "${env:LATCHKEY_SMTP_USER}", description = "LATCHKEY_SMTP_USER")
        String smtpUser;

        @Option(names = "--smtp-from", defaultValue = "${env:LATCHKEY_SMTP_FROM:-noreply@localhost}", description = "LATCHKEY_SMTP_FROM")
        String smtpFrom;

        @Option(names = "--smtp-starttls", defaultValue = "${env:LATCHKEY_SMTP_STARTTLS:-true}", description = "LATCHKEY_SMTP_STARTTLS (true)")
        boolean smtpStartTls;

        @Override
        public Integer call() throws InterruptedException {
            long started = System.nanoTime();
            Config config = new Config(port, dataDir, baseUrl, databaseUrl, databaseUser, databasePassword,
                    System.getenv("LATCHKEY_MASTER_KEY"), System.getenv("LATCHKEY_ADMIN_ENVIRONMENT_ID"),
                    System.getenv("LATCHKEY_ADMIN_CLIENT_ID"), System.getenv("LATCHKEY_ADMIN_CLIENT_SECRET"),
                    smtpHost == null || smtpHost.isBlank() ? null : new SmtpNotifier.Settings(smtpHost, smtpPort,
                            smtpUser, System.getenv("LATCHKEY_SMTP_PASSWORD"), smtpFrom, smtpStartTls));
            Latchkey server = Latchkey.start(config);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                log.info("Stopping: draining requests");
                server.close();
                stopped.countDown();
            }, "latchkey-shutdown"));
            log.info("Latchkey is serving {} ({} database, started in {} ms)", server.baseUrl(),
                    server.database().isPostgres() ? "PostgreSQL" : "embedded H2",
                    (System.nanoTime() - started) / 1_000_000);
            stopped.await();
            return 0;
        }
    }

    /** The build's training run for the ahead-of-time cache (see {@link StartupTraining}); not for users. */
    @Command(name = "train", hidden = true, description = "Start a throw-away server and send it typical first requests.")
    static final class Train implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            StartupTraining.run();
            return 0;
        }
    }
}
