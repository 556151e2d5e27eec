import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by the build in the package phase (exec-maven-plugin), with the {@code java} of the JDK toolchain the build
 * selected, so that what it records is that JDK's and not the one running Maven:
 * {@code java src/build/StartupCache.java target/latchkey.jar [skip-training]}.
 *
 * <p>Unless told to skip, it trains the jar's start-up cache ({@code latchkey train}: two starts on a throw-away
 * database and the requests a server answers first, each answer checked): an ahead-of-time cache {@code latchkey.aot}
 * on JDK 25+ (JEP 483/515), a CDS archive {@code latchkey.jsa} on JDK 21-24. Then it writes {@code latchkey.jvm}
 * beside the jar for {@code bin/latchkey}: this JDK's home and the cache to start with. A cache serves only the JDK and
 * the jar that made it, so an old one is deleted first, also when the training is skipped.
 */
public final class StartupCache {
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: java src/build/StartupCache.java <jar> [skip-training]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        boolean skip = args.length > 1 && Boolean.parseBoolean(args[1]);
        Path target = jar.getParent();
        Path javaHome = Path.of(System.getProperty("java.home"));
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = target.resolve(aot ? "latchkey.aot" : "latchkey.jsa");
        Files.deleteIfExists(target.resolve("latchkey.aot"));
        Files.deleteIfExists(target.resolve("latchkey.jsa"));

        List<String> jvmOptions = jvmOptions(Runtime.version().feature());
        if (!skip) {
            // Trained with the options it will serve with: a cache made with other object headers or another
            // collector may be refused.
            List<String> command = new java.util.ArrayList<>();
            command.add(javaHome.resolve("bin").resolve("java").toString());
            command.addAll(jvmOptions);
            command.addAll(List.of(
                    (aot ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=") + cache,
                    // The JDK lists every class it leaves out (old class files, proxies): expected, and hundreds of lines.
                    aot ? "-Xlog:aot=off" : "-Xlog:cds=off",
                    "-jar", jar.toString(), "train"));
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                System.err.println("The training run of " + jar + " failed (exit " + exit + "): " + command);
                System.exit(exit);
            }
        }

        String settings = """
                # Written by the build (src/build/StartupCache.java) for bin/latchkey: the JDK that built and trained
                # this jar and the start-up cache it made. A cache serves only the JDK and the jar that made it.
                BUILD_JAVA_HOME=%s
                CACHE_OPTION=%s
                CACHE_FILE=%s
                JVM_OPTIONS=%s
                """.formatted(shellQuoted(javaHome.toString()),
                shellQuoted(skip ? "" : aot ? "-XX:AOTCache" : "-XX:SharedArchiveFile"),
                shellQuoted(skip ? "" : cache.toString()),
                shellQuoted(String.join(" ", jvmOptions)));
        Files.writeString(target.resolve("latchkey.jvm"), settings, StandardCharsets.UTF_8);
        System.out.println("Start-up cache: " + (skip ? "training skipped" : cache) + "; JDK " + Runtime.version()
                + " in " + javaHome + " (recorded in " + target.resolve("latchkey.jvm") + ")");
    }

    /**
     * The JVM options bin/latchkey starts with, for a small resident set (about 180 MB after a token load on 2 cores,
     * against 400-1,000 MB with the JDK's defaults, which let the heap reach a quarter of the machine's memory). README
     * "Memory" lists them for {@code java -jar}. JAVA_OPTS, given after them, overrides any.
     */
    static List<String> jvmOptions(int jdk) {
        List<String> options = new java.util.ArrayList<>(List.of(
                // One collector thread and no remembered sets; its young pauses stay near a millisecond with a heap
                // this small.
                "-XX:+UseSerialGC",
                // The heap starts small and grows only with what stays live (18 MB after a token load); the
                // ceiling is for large imports and pages.
                "-Xms16m",
                "-Xmx256m",
                // Without it the first GCs are full collections to resize class metadata (30-250 ms each) while
                // the server warms up.
                "-XX:MetaspaceSize=64m"));
        if (jdk >= 25) {
            // 8-byte object headers (JEP 519, a product option from JDK 25): about a tenth less heap.
            options.add("-XX:+UseCompactObjectHeaders");
            // Gives memory the compilers and other native code freed back to the OS every 5 s.
            options.add("-XX:TrimNativeHeapInterval=5000");
        }
        return options;
    }

    /** A POSIX shell word that stands for {@code value} exactly. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
