package io.graphpresence.observe;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading what Lambda gives a traced function: the daemon's address and each invocation's trace header. */
class XRaySubsegmentsTest {

    @Test
    void withoutADaemonAddressNothingIsRecorded() {
        assertSame(Subsegments.OFF, XRaySubsegments.fromDaemonAddress(null));
        assertSame(Subsegments.OFF, XRaySubsegments.fromDaemonAddress(" "));
        assertFalse(Subsegments.OFF.on());
        assertTrue(XRaySubsegments.fromDaemonAddress("169.254.79.129:2000").on());
    }

    @Test
    void theDaemonsUdpAddressIsTakenInEitherForm() {
        assertEquals(new InetSocketAddress("169.254.79.129", 2000), XRaySubsegments.udpAddress("169.254.79.129:2000"));
        assertEquals(new InetSocketAddress("127.0.0.2", 2001),
                XRaySubsegments.udpAddress("tcp:127.0.0.1:2000 udp:127.0.0.2:2001"));
    }

    @Test
    void aTraceHeaderNeedsItsRootAndParentAndSaysWhetherItIsSampled() {
        var sampled = XRaySubsegments.TraceHeader.parse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a:1");
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", sampled.root());
        assertEquals("53995c3f42cd8ad8", sampled.parent());
        assertTrue(sampled.sampled());
        assertFalse(XRaySubsegments.TraceHeader.parse("Root=1-a-b;Parent=c;Sampled=0").sampled());
        assertNull(XRaySubsegments.TraceHeader.parse("Root=1-a-b;Sampled=1"));
        assertNull(XRaySubsegments.TraceHeader.parse(null));
    }
}
