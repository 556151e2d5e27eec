package io.latchkey.sessions;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a session shows of the browser that signed on, read from its User-Agent: the browser and operating system
 * (name and version, null when not recognised) and the device type ({@code Desktop}, {@code Mobile}, {@code Tablet};
 * null without a User-Agent). A best reading of the common browsers, not a full database: a session list only helps
 * a person recognise their own devices.
 */
public record UserAgent(String browserName, String browserVersion, String osName, String osVersion, String deviceType) {

    private record Rule(String name, Pattern pattern) {}

    /** First match wins: Edge and Opera also say Chrome, Chrome also says Safari. */
    private static final List<Rule> BROWSERS = List.of(
            new Rule("Edge", Pattern.compile("Edg(?:e|A|iOS)?/([\\d.]+)")),
            new Rule("Opera", Pattern.compile("OPR/([\\d.]+)")),
            new Rule("Samsung Internet", Pattern.compile("SamsungBrowser/([\\d.]+)")),
            new Rule("Firefox", Pattern.compile("(?:Firefox|FxiOS)/([\\d.]+)")),
            new Rule("Chrome Headless", Pattern.compile("HeadlessChrome/([\\d.]+)")),
            new Rule("Chrome", Pattern.compile("(?:Chrome|CriOS)/([\\d.]+)")),
            new Rule("Safari", Pattern.compile("Version/([\\d.]+).*Safari/")));

    private static final List<Rule> SYSTEMS = List.of(
            new Rule("iOS", Pattern.compile("(?:iPhone|CPU) OS ([\\d_]+)")),
            new Rule("Android", Pattern.compile("Android ([\\d.]+)")),
            new Rule("Windows", Pattern.compile("Windows NT ([\\d.]+)")),
            new Rule("macOS", Pattern.compile("Mac OS X ([\\d_.]+)")),
            new Rule("Chrome OS", Pattern.compile("CrOS \\S+ ([\\d.]+)")),
            new Rule("Linux", Pattern.compile("Linux()")));

    public static UserAgent parse(String header) {
        if (header == null || header.isBlank()) return new UserAgent(null, null, null, null, null);
        Match browser = first(BROWSERS, header);
        Match os = first(SYSTEMS, header);
        String device = header.contains("iPad") || header.contains("Tablet")
                ? "Tablet"
                : header.contains("Mobi") || header.contains("iPhone") ? "Mobile" : "Desktop";
        return new UserAgent(browser.name(), browser.version(), os.name(), os.version(), device);
    }

    private record Match(String name, String version) {}

    private static Match first(List<Rule> rules, String header) {
        for (Rule r : rules) {
            Matcher m = r.pattern().matcher(header);
            if (m.find()) {
                String version = m.group(1).replace('_', '.');
                return new Match(r.name(), version.isEmpty() ? null : version);
            }
        }
        return new Match(null, null);
    }
}
