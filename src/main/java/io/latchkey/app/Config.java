package io.latchkey.app;

import io.latchkey.http.TlsSettings;
import io.latchkey.notify.HttpSmsNotifier;
import io.latchkey.notify.SmtpNotifier;
import io.latchkey.passwords.PasswordHasher;
import io.latchkey.throttle.ThrottleSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the server is told at start-up (command line or {@code LATCHKEY_*} environment variables).
 *
 * @param port            HTTP port; 0 picks a free one (tests)
 * @param dataDir         where the embedded H2 database and the master key file live
 * @param baseUrl         public URL used in issuers and {@code _links}; null means {@code http://localhost:<port>}
 * @param databaseUrl     JDBC URL of a PostgreSQL database; null means embedded H2 in {@code dataDir}
 * @param masterKey       base64 AES-256 key that encrypts secrets at rest; null means a key file in {@code dataDir}
 * @param adminEnvironmentId, adminClientId, adminClientSecret  fix the bootstrap admin; null means generated
 * @param smtp            where recovery codes are mailed; null means the outbox file in {@code dataDir}
 * @param throttle        rate limits of sign-on attempts and interactive requests, trusted proxies; null means the defaults
 * @param passwordHashing the Argon2id cost of new password hashes; null means {@link PasswordHasher.Cost#DEFAULT}
 * @param sms             the HTTP gateway MFA codes for phones go to; null means the outbox file in {@code dataDir}
 * @param tls             certificate and key to serve HTTPS with on {@code port}; null means plain HTTP
 * @param activityRetention how long audit activities are kept; null means {@link #DEFAULT_ACTIVITY_RETENTION}
 * @param operations      management port and access log; null means {@link Operations#DEFAULTS}
 */
public record Config(
        int port,
        Path dataDir,
        String baseUrl,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String masterKey,
        String adminEnvironmentId,
        String adminClientId,
        String adminClientSecret,
        SmtpNotifier.Settings smtp,
        ThrottleSettings throttle,
        PasswordHasher.Cost passwordHashing,
        HttpSmsNotifier.Settings sms,
        TlsSettings tls,
        Duration activityRetention,
        Operations operations) {

    /** PingOne keeps the last 14 days of activities queryable. */
    public static final Duration DEFAULT_ACTIVITY_RETENTION = Duration.ofDays(14);

    /**
     * A retention as the command line gives it: a whole number and a unit, {@code d}, {@code h}, {@code m} or
     * {@code s} ({@code 14d}, {@code 36h}); at least one second.
     */
    public static Duration parseRetention(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*(\\d{1,9})\\s*([dhms])\\s*")
                .matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0)
            throw new IllegalArgumentException(
                    "--activity-retention must be a whole number and a unit d, h, m or s, such as 14d (was '" + text
                            + "').");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofSeconds(n);
        };
    }

    public static Config defaults(Path dataDir) {
        return new Config(
                8080,
                dataDir,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                ThrottleSettings.defaults(),
                PasswordHasher.Cost.DEFAULT,
                null,
                null,
                DEFAULT_ACTIVITY_RETENTION,
                Operations.DEFAULTS);
    }

    public Config withPort(int p) {
        return new Config(
                p,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withBaseUrl(String url) {
        return new Config(
                port,
                dataDir,
                url,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                url,
                user,
                password,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withMasterKey(String key) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                key,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withAdmin(String environmentId, String clientId, String clientSecret) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                environmentId,
                clientId,
                clientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withThrottle(ThrottleSettings t) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                t,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withPasswordHashing(PasswordHasher.Cost cost) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                cost,
                sms,
                tls,
                activityRetention,
                operations);
    }

    public Config withSms(HttpSmsNotifier.Settings gateway) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                gateway,
                tls,
                activityRetention,
                operations);
    }

    public Config withTls(TlsSettings settings) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                settings,
                activityRetention,
                operations);
    }

    public Config withActivityRetention(Duration retention) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                retention,
                operations);
    }

    public Config withOperations(Operations ops) {
        return new Config(
                port,
                dataDir,
                baseUrl,
                databaseUrl,
                databaseUser,
                databasePassword,
                masterKey,
                adminEnvironmentId,
                adminClientId,
                adminClientSecret,
                smtp,
                throttle,
                passwordHashing,
                sms,
                tls,
                activityRetention,
                ops);
    }
}
