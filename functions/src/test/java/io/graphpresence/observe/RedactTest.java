package io.graphpresence.observe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A subscriber's URL is logged without what may carry a secret: query, user info, fragment. */
class RedactTest {

    @Test
    void theQueryAndUserInfoAreLeftOutAndThePathKept() {
        assertEquals("https://hooks.example.com/a/b?[query redacted]",
                Redact.url("https://hooks.example.com/a/b?code=s3cret&x=1"));
        assertEquals("https://hooks.example.com:8443/a?[query redacted]",
                Redact.url("https://user:pw@hooks.example.com:8443/a#frag"));
        assertEquals("https://hooks.example.com/a", Redact.url("https://hooks.example.com/a"));
    }

    @Test
    void anUnparsableUrlIsCutAtItsFirstQueryOrUserInfoMark() {
        assertEquals("https://bad host/x?[query redacted]", Redact.url("https://bad host/x?key=s3cret"));
        assertEquals("not a url", Redact.url("not a url"));
    }

    @Test
    void aFailuresMessageNamingTheUrlIsRedactedToo() {
        String url = "https://hooks.example.com/h?sig=s3cret";
        assertEquals("refused https://hooks.example.com/h?[query redacted] now",
                Redact.text("refused " + url + " now", url));
    }
}
