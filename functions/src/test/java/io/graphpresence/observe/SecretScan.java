package io.graphpresence.observe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads log lines for what must never be logged: token-shaped strings, certificates, and the
 * status messages, automatic replies and clientState values the tests send (their fixtures'
 * distinctive values are listed here), and notification URLs with their query. It also counts
 * the lines and the test classes that wrote them (from {@link TestStartedLine}'s lines), so an
 * audit can tell that it read a whole run.
 */
final class SecretScan {

    /** One thing found: where, what kind, and the test that had last started. */
    record Finding(String where, String kind, String test, String excerpt) {
        @Override
        public String toString() {
            return where + ": " + kind + " (after " + test + "): ..." + excerpt + "...";
        }
    }

    private record Rule(String kind, Pattern pattern) {
    }

    /** Status message contents and automatic replies the tests set. */
    static final List<String> MESSAGE_BODIES = List.of("Back after lunch", "In Lisbon, ping me", "Out this week",
            "At the offsite", "In workshops", "Reviewing the batch", "zurück um 15 Uhr", "status-body-", "reply-body-");
    /** The clientState values the tests give their subscriptions. */
    static final List<String> CLIENT_STATES = List.of("sdk-secret", "cs-change-notifications", "cs-lifecycle",
            "cs-observability");

    private static final List<Rule> RULES = rules();

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> testClasses = new HashSet<>();
    private long lines;
    private String lastTest = "no test yet";

    /** Reads one line of {@code source} (a file's name and line number, for the report). */
    void read(String line, String source) {
        lines++;
        // the JSON encoder writes '/' as "\/": read what a person would search for
        String text = line.replace("\\/", "/");
        int started = text.indexOf(TestStartedLine.PREFIX);
        if (started >= 0) {
            String test = text.substring(started + TestStartedLine.PREFIX.length()).split("[\"#]", 2)[0];
            testClasses.add(test);
            lastTest = text.substring(started + TestStartedLine.PREFIX.length()).split("\"", 2)[0];
        }
        for (Rule rule : RULES) {
            Matcher found = rule.pattern().matcher(text);
            if (found.find()) {
                findings.add(new Finding(source, rule.kind(), lastTest, excerpt(text, found.start())));
            }
        }
    }

    List<Finding> findings() {
        return findings;
    }

    long lines() {
        return lines;
    }

    Set<String> testClasses() {
        return testClasses;
    }

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule("a JWT-shaped token", Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}")));
        rules.add(new Rule("a PEM block", Pattern.compile("-----BEGIN [A-Z ]+-----")));
        // DER certificates and keys start with a SEQUENCE whose base64 starts "MII"
        rules.add(new Rule("a base64 certificate or key", Pattern.compile("MII[A-Za-z0-9+/]{60,}")));
        rules.add(new Rule("a URL's query string",
                Pattern.compile("https?://[^\\s\"\\\\]+\\?(?!\\[query redacted])[^\\s\"\\\\]+")));
        MESSAGE_BODIES.forEach(body -> rules.add(new Rule("a message body", Pattern.compile(Pattern.quote(body)))));
        CLIENT_STATES.forEach(state -> rules.add(new Rule("a clientState", Pattern.compile(Pattern.quote(state)))));
        return rules;
    }

    /** A little of the line around what was found, so the report points at it without copying it all. */
    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 24));
    }
}
