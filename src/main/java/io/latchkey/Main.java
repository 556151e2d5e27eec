package io.latchkey;

import io.latchkey.app.Config;
import io.latchkey.app.Latchkey;
import io.latchkey.app.LogSetup;
import io.latchkey.app.Operations;
import io.latchkey.app.StartupFailure;
import io.latchkey.app.StartupTraining;
import io.latchkey.http.TlsSettings;
import io.latchkey.notify.HttpSmsNotifier;
import io.latchkey.notify.SmtpNotifier;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.throttle.ThrottleSettings;
import io.latchkey.throttle.TrustedProxies;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The command line: {@code latchkey serve [options]}. */
@Command(
        name = "latchkey",
        mixinStandardHelpOptions = true,
        version = "Latchkey 0.1.0",
        description = "A self-hosted identity server that speaks the PingOne Platform and Auth APIs.",
        subcommands = {
            Main.Serve.class,
            Main.Train.class,
            BootstrapAdmin.class,
            ExportCommand.class,
            ImportCommand.class,
            ImportUsersCommand.class
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(Main::usageErrorInOneLine)
                .execute(args));
    }

    /** A mistyped option: the mistake and where help is, not two screens of usage that scroll it away. */
    private static int usageErrorInOneLine(CommandLine.ParameterException e, String[] args) {
        CommandLine failed = e.getCommandLine();
        failed.getErr().println(e.getMessage());
        failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help'.");
        return failed.getCommandSpec().exitCodeOnInvalidInput();
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = "Start the server. Every option can also be set with its LATCHKEY_* environment variable.",
            // Secrets have no option (a command line is visible to other users of the machine): list them here.
            footer = {
                "",
                "Read only from the environment (secrets, the first start's administrator):",
                "  LATCHKEY_MASTER_KEY",
                "      base64 AES-256 key sealing secrets at rest;",
                "      default: a key generated in <data-dir>/master.key",
                "  LATCHKEY_ADMIN_ENVIRONMENT_ID, LATCHKEY_ADMIN_CLIENT_ID,",
                "  LATCHKEY_ADMIN_CLIENT_SECRET",
                "      the administrators environment and its worker made at the first start;",
                "      default: generated, the secret printed once",
                "  LATCHKEY_SMTP_PASSWORD",
                "      password of --smtp-user; default: none",
                "  LATCHKEY_SMS_GATEWAY_AUTHORIZATION",
                "      Authorization header sent to --sms-gateway-url; default: none",
                "  LATCHKEY_TLS_KEYSTORE_PASSWORD",
                "      password of --tls-keystore (or --tls-keystore-password-file); default: none",
                "Locked out? latchkey bootstrap-admin --help"
            })
    static final class Serve implements Callable<Integer> {
        private static final Logger log = LoggerFactory.getLogger("latchkey");

        @Option(
                names = "--port",
                defaultValue = "${env:LATCHKEY_PORT:-8080}",
                description = "HTTP port, HTTPS when TLS is configured (LATCHKEY_PORT, default 8080).")
        int port;

        @Option(
                names = "--tls-cert-file",
                defaultValue = "${env:LATCHKEY_TLS_CERT_FILE}",
                description = "PEM certificate chain, the server's certificate first: serve HTTPS on --port"
                        + " (LATCHKEY_TLS_CERT_FILE); reloaded when it changes.")
        Path tlsCertFile;

        @Option(
                names = "--tls-key-file",
                defaultValue = "${env:LATCHKEY_TLS_KEY_FILE}",
                description = "PEM private key of --tls-cert-file, unencrypted PKCS#8, PKCS#1 or EC"
                        + " (LATCHKEY_TLS_KEY_FILE).")
        Path tlsKeyFile;

        @Option(
                names = "--tls-keystore",
                defaultValue = "${env:LATCHKEY_TLS_KEYSTORE}",
                description = "PKCS#12 keystore with the key and its chain, instead of the PEM files"
                        + " (LATCHKEY_TLS_KEYSTORE); password in LATCHKEY_TLS_KEYSTORE_PASSWORD.")
        Path tlsKeystore;

        @Option(
                names = "--tls-keystore-password-file",
                defaultValue = "${env:LATCHKEY_TLS_KEYSTORE_PASSWORD_FILE}",
                description = "File holding the keystore's password (LATCHKEY_TLS_KEYSTORE_PASSWORD_FILE).")
        Path tlsKeystorePasswordFile;

        @Option(
                names = "--http-redirect-port",
                defaultValue = "${env:LATCHKEY_HTTP_REDIRECT_PORT}",
                description = "With TLS: a plain-HTTP port answering 308 to the https URL (LATCHKEY_HTTP_REDIRECT_PORT,"
                        + " default none).")
        Integer httpRedirectPort;

        @Option(
                names = "--data-dir",
                defaultValue = "${env:LATCHKEY_DATA_DIR:-./latchkey-data}",
                description = "Directory of the embedded database and master key file (LATCHKEY_DATA_DIR).")
        Path dataDir;

        @Option(
                names = "--base-url",
                defaultValue = "${env:LATCHKEY_BASE_URL}",
                description =
                        "Public URL used in issuers and links (LATCHKEY_BASE_URL, default http://localhost:<port>).")
        String baseUrl;

        @Option(
                names = "--database-url",
                defaultValue = "${env:LATCHKEY_DATABASE_URL}",
                description = "JDBC URL of a PostgreSQL database (LATCHKEY_DATABASE_URL); embedded H2 when absent.")
        String databaseUrl;

        @Option(
                names = "--database-user",
                defaultValue = "${env:LATCHKEY_DATABASE_USER}",
                description = "LATCHKEY_DATABASE_USER")
        String databaseUser;

        @Option(
                names = "--database-password",
                defaultValue = "${env:LATCHKEY_DATABASE_PASSWORD}",
                description = "LATCHKEY_DATABASE_PASSWORD",
                arity = "0..1",
                interactive = false)
        String databasePassword;

        @Option(
                names = "--smtp-host",
                defaultValue = "${env:LATCHKEY_SMTP_HOST}",
                description =
                        "SMTP server for recovery codes (LATCHKEY_SMTP_HOST); without it codes go to <data-dir>/outbox.jsonl.")
        String smtpHost;

        @Option(
                names = "--smtp-port",
                defaultValue = "${env:LATCHKEY_SMTP_PORT:-587}",
                description = "LATCHKEY_SMTP_PORT (587)")
        int smtpPort;

        @Option(names = "--smtp-user", defaultValue = "${env:LATCHKEY_SMTP_USER}", description = "LATCHKEY_SMTP_USER")
        String smtpUser;

        @Option(
                names = "--smtp-from",
                defaultValue = "${env:LATCHKEY_SMTP_FROM:-noreply@localhost}",
                description = "LATCHKEY_SMTP_FROM")
        String smtpFrom;

        @Option(
                names = "--smtp-starttls",
                defaultValue = "${env:LATCHKEY_SMTP_STARTTLS:-true}",
                description = "LATCHKEY_SMTP_STARTTLS (true)")
        boolean smtpStartTls;

        @Option(
                names = "--sms-gateway-url",
                defaultValue = "${env:LATCHKEY_SMS_GATEWAY_URL}",
                description = "HTTP(S) URL that MFA codes for phones (SMS, voice) are posted to as JSON"
                        + " (LATCHKEY_SMS_GATEWAY_URL); without it they go to <data-dir>/outbox.jsonl.")
        String smsGatewayUrl;

        @Option(
                names = "--trusted-proxies",
                defaultValue = "${env:LATCHKEY_TRUSTED_PROXIES}",
                description =
                        "Comma-separated IPs or CIDRs of proxies whose X-Forwarded-For / Forwarded name the client"
                                + " (LATCHKEY_TRUSTED_PROXIES, default none).")
        String trustedProxies;

        @Option(
                names = "--rate-limit-failures-per-address",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_FAILURES_PER_ADDRESS:-"
                        + ThrottleSettings.DEFAULT_FAILURES_PER_ADDRESS + "}",
                description =
                        "Failed sign-on checks a client address may burst, 0 = off (LATCHKEY_RATE_LIMIT_FAILURES_PER_ADDRESS, "
                                + ThrottleSettings.DEFAULT_FAILURES_PER_ADDRESS + ").")
        int failuresPerAddress;

        @Option(
                names = "--rate-limit-failures-per-address-refill",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_FAILURES_PER_ADDRESS_REFILL:-"
                        + ThrottleSettings.DEFAULT_FAILURES_PER_ADDRESS_REFILL + "}",
                description = "Tokens/period, e.g. 1/s (LATCHKEY_RATE_LIMIT_FAILURES_PER_ADDRESS_REFILL, "
                        + ThrottleSettings.DEFAULT_FAILURES_PER_ADDRESS_REFILL + ").")
        String failuresPerAddressRefill;

        @Option(
                names = "--rate-limit-failures-per-username",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_FAILURES_PER_USERNAME:-"
                        + ThrottleSettings.DEFAULT_FAILURES_PER_USERNAME + "}",
                description =
                        "Failed sign-on checks a username may burst, 0 = off (LATCHKEY_RATE_LIMIT_FAILURES_PER_USERNAME, "
                                + ThrottleSettings.DEFAULT_FAILURES_PER_USERNAME + ").")
        int failuresPerUsername;

        @Option(
                names = "--rate-limit-failures-per-username-refill",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_FAILURES_PER_USERNAME_REFILL:-"
                        + ThrottleSettings.DEFAULT_FAILURES_PER_USERNAME_REFILL + "}",
                description = "LATCHKEY_RATE_LIMIT_FAILURES_PER_USERNAME_REFILL ("
                        + ThrottleSettings.DEFAULT_FAILURES_PER_USERNAME_REFILL + ").")
        String failuresPerUsernameRefill;

        @Option(
                names = "--rate-limit-requests-per-address",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_REQUESTS_PER_ADDRESS:-"
                        + ThrottleSettings.DEFAULT_REQUESTS_PER_ADDRESS + "}",
                description = "Requests to authorize/flows/sign-on page/resume a client address may burst, 0 = off"
                        + " (LATCHKEY_RATE_LIMIT_REQUESTS_PER_ADDRESS, " + ThrottleSettings.DEFAULT_REQUESTS_PER_ADDRESS
                        + ").")
        int requestsPerAddress;

        @Option(
                names = "--rate-limit-requests-per-address-refill",
                defaultValue = "${env:LATCHKEY_RATE_LIMIT_REQUESTS_PER_ADDRESS_REFILL:-"
                        + ThrottleSettings.DEFAULT_REQUESTS_PER_ADDRESS_REFILL + "}",
                description = "LATCHKEY_RATE_LIMIT_REQUESTS_PER_ADDRESS_REFILL ("
                        + ThrottleSettings.DEFAULT_REQUESTS_PER_ADDRESS_REFILL + ").")
        String requestsPerAddressRefill;

        @Option(
                names = "--argon2-memory-kib",
                defaultValue = "${env:LATCHKEY_ARGON2_MEMORY_KIB:-" + PasswordHasher.ARGON2_MEMORY_KIB + "}",
                description = "Argon2id memory of new password hashes in KiB (LATCHKEY_ARGON2_MEMORY_KIB, "
                        + PasswordHasher.ARGON2_MEMORY_KIB + ").")
        int argon2MemoryKib;

        @Option(
                names = "--argon2-iterations",
                defaultValue = "${env:LATCHKEY_ARGON2_ITERATIONS:-" + PasswordHasher.ARGON2_ITERATIONS + "}",
                description = "Argon2id iterations of new password hashes (LATCHKEY_ARGON2_ITERATIONS, "
                        + PasswordHasher.ARGON2_ITERATIONS + ").")
        int argon2Iterations;

        @Option(
                names = "--management-port",
                defaultValue = "${env:LATCHKEY_MANAGEMENT_PORT}",
                description = "Port serving /health/live, /health/ready and /metrics without credentials; for the"
                        + " cluster's network only (LATCHKEY_MANAGEMENT_PORT, default none).")
        Integer managementPort;

        @Option(
                names = "--access-log",
                defaultValue = "${env:LATCHKEY_ACCESS_LOG:-false}",
                arity = "0..1",
                fallbackValue = "true",
                description = "Log every request: method, path without query, status, duration, transaction id"
                        + " (LATCHKEY_ACCESS_LOG, default false).")
        boolean accessLog;

        @Option(
                names = "--log-format",
                defaultValue = "${env:LATCHKEY_LOG_FORMAT:-text}",
                description = "text, or json: one JSON object per line for log shippers (LATCHKEY_LOG_FORMAT, text).")
        LogSetup.Format logFormat;

        @Option(
                names = "--activity-retention",
                defaultValue = "${env:LATCHKEY_ACTIVITY_RETENTION:-14d}",
                description = "How long audit activities are kept: a number and d, h, m or s "
                        + "(LATCHKEY_ACTIVITY_RETENTION, 14d).")
        String activityRetention;

        @Spec
        CommandSpec spec;

        private java.time.Duration activityRetention() {
            try {
                return Config.parseRetention(activityRetention);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        private PasswordHasher.Cost passwordHashing() {
            try {
                return new PasswordHasher.Cost(argon2MemoryKib, argon2Iterations);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        /** The throttling options, checked: a mistyped one stops the start with its message. */
        private ThrottleSettings throttle() {
            try {
                return new ThrottleSettings(
                        ThrottleSettings.Limit.of(failuresPerAddress, failuresPerAddressRefill),
                        ThrottleSettings.Limit.of(failuresPerUsername, failuresPerUsernameRefill),
                        ThrottleSettings.Limit.of(requestsPerAddress, requestsPerAddressRefill),
                        TrustedProxies.parse(trustedProxies));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        /** The SMS gateway, with its Authorization header from LATCHKEY_SMS_GATEWAY_AUTHORIZATION (a secret). */
        private HttpSmsNotifier.Settings smsGateway() {
            if (smsGatewayUrl == null || smsGatewayUrl.isBlank()) return null;
            try {
                String authorization = System.getenv("LATCHKEY_SMS_GATEWAY_AUTHORIZATION");
                return new HttpSmsNotifier.Settings(
                        URI.create(smsGatewayUrl.trim()),
                        authorization == null || authorization.isBlank() ? null : authorization);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        /** The TLS options as given; null without any. They are read and checked when the server starts. */
        private TlsSettings tls() {
            if (tlsCertFile == null && tlsKeyFile == null && tlsKeystore == null && httpRedirectPort == null) {
                return null;
            }
            String password = System.getenv("LATCHKEY_TLS_KEYSTORE_PASSWORD");
            return new TlsSettings(
                    tlsCertFile, tlsKeyFile, tlsKeystore, password, tlsKeystorePasswordFile, httpRedirectPort);
        }

        @Override
        public Integer call() throws InterruptedException {
            long started = System.nanoTime();
            if (logFormat == LogSetup.Format.JSON && !LogSetup.useJson()) {
                log.warn("--log-format=json is ignored: -Dlogback.configurationFile names the logging set-up");
            }
            if (managementPort != null && (managementPort < 1 || managementPort > 65535)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--management-port must be between 1 and 65535.");
            }
            Config config = new Config(
                    port,
                    dataDir,
                    baseUrl,
                    databaseUrl,
                    databaseUser,
                    databasePassword,
                    System.getenv("LATCHKEY_MASTER_KEY"),
                    System.getenv("LATCHKEY_ADMIN_ENVIRONMENT_ID"),
                    System.getenv("LATCHKEY_ADMIN_CLIENT_ID"),
                    System.getenv("LATCHKEY_ADMIN_CLIENT_SECRET"),
                    smtpHost == null || smtpHost.isBlank()
                            ? null
                            : new SmtpNotifier.Settings(
                                    smtpHost,
                                    smtpPort,
                                    smtpUser,
                                    System.getenv("LATCHKEY_SMTP_PASSWORD"),
                                    smtpFrom,
                                    smtpStartTls),
                    throttle(),
                    passwordHashing(),
                    smsGateway(),
                    tls(),
                    activityRetention(),
                    new Operations(managementPort, accessLog));
            Latchkey server;
            try {
                server = Latchkey.start(config);
            } catch (RuntimeException e) {
                String why = StartupFailure.explain(e, config).orElseThrow(() -> e);
                System.err.println(why);
                return 1;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                log.info("Stopping: draining requests");
                                server.close();
                                stopped.countDown();
                            },
                            "latchkey-shutdown"));
            log.info(
                    "Latchkey is serving {} ({} database, started in {} ms)",
                    server.baseUrl(),
                    server.database().isPostgres() ? "PostgreSQL" : "embedded H2",
                    (System.nanoTime() - started) / 1_000_000);
            log.info(
                    "Rate limits of this node: failed sign-on checks {} per address, {} per username; interactive requests {}"
                            + " per address; trusted proxies {}",
                    config.throttle().failuresPerAddress(),
                    config.throttle().failuresPerUsername(),
                    config.throttle().requestsPerAddress(),
                    config.throttle().trustedProxies());
            server.managementPort()
                    .ifPresent(p -> log.info("Management port {}: /health/live, /health/ready, /metrics", p));
            stopped.await();
            return 0;
        }
    }

    /** The build's training run for the ahead-of-time cache (see {@link StartupTraining}); not for users. */
    @Command(
            name = "train",
            hidden = true,
            description = "Start a throw-away server and send it typical first requests.")
    static final class Train implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            StartupTraining.run();
            return 0;
        }
    }
}
