package io.graphpresence.sdk;

import com.microsoft.graph.communications.getpresencesbyuserid.GetPresencesByUserIdPostRequestBody;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.DateTimeTimeZone;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Presence;
import com.microsoft.graph.models.PresenceStatusMessage;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.presence.clearpresence.ClearPresencePostRequestBody;
import com.microsoft.graph.users.item.presence.setpresence.SetPresencePostRequestBody;
import com.microsoft.graph.users.item.presence.setstatusmessage.SetStatusMessagePostRequestBody;
import com.microsoft.graph.users.item.presence.setuserpreferredpresence.SetUserPreferredPresencePostRequestBody;
import com.microsoft.kiota.PeriodAndDuration;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The official Microsoft Graph Java SDK, pointed at the local stack over HTTP by its base URL
 * alone, performs every presence operation and parses every answer, errors included.
 */
class GraphSdkClientTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    /** A Graph client as an app would make one, but with our base URL and a local token. */
    private static GraphServiceClient client(String userId) {
        return LocalGraphClients.withToken(stack, stack.tokens().mint(CONTOSO, APP, userId, null, null, Duration.ofDays(2)));
    }

    private static SetPresencePostRequestBody session(String availability, String activity) {
        SetPresencePostRequestBody body = new SetPresencePostRequestBody();
        body.setSessionId(APP);
        body.setAvailability(availability);
        body.setActivity(activity);
        body.setExpirationDuration(PeriodAndDuration.ofDuration(Duration.ofHours(4)));
        return body;
    }

    /** A new body each time: the SDK's backing store sends only what changed in a reused one. */
    private static ClearPresencePostRequestBody clearOwnSession() {
        ClearPresencePostRequestBody clear = new ClearPresencePostRequestBody();
        clear.setSessionId(APP);
        return clear;
    }

    private static String pair(Presence presence) {
        return presence.getAvailability() + "/" + presence.getActivity();
    }

    @Test
    void everyOperationRoundTripsThroughTheSdk() {
        GraphServiceClient adele = client(ADELE);
        adele.users().byUserId(ADELE).presence().setPresence().post(session("Available", "Available"));

        Presence mine = adele.me().presence().get();
        assertEquals("Available/Available", pair(mine));
        assertEquals(ADELE, mine.getId());
        assertNotNull(mine.getSequenceNumber());
        assertEquals("Available/Available", pair(adele.users().byUserId(ADELE).presence().get()));
        assertEquals("Available/Available", pair(adele.communications().presences().byPresenceId(ADELE).get()));

        SetUserPreferredPresencePostRequestBody preferred = new SetUserPreferredPresencePostRequestBody();
        preferred.setAvailability("DoNotDisturb");
        preferred.setActivity("DoNotDisturb");
        preferred.setExpirationDuration(PeriodAndDuration.ofDuration(Duration.ofHours(1)));
        adele.me().presence().setUserPreferredPresence().post(preferred);
        assertEquals("DoNotDisturb/DoNotDisturb", pair(adele.me().presence().get()));
        adele.me().presence().clearUserPreferredPresence().post();
        assertEquals("Available/Available", pair(adele.me().presence().get()));

        adele.me().presence().clearPresence().post(clearOwnSession());
        assertEquals("Offline/Offline", pair(adele.me().presence().get()));
        ODataError again = assertThrows(ODataError.class,
                () -> adele.me().presence().clearPresence().post(clearOwnSession()));
        assertEquals(404, again.getResponseStatusCode());
        assertEquals("NotFound", again.getError().getCode());
    }

    @Test
    void batchReadsParseAsACollection() {
        GetPresencesByUserIdPostRequestBody body = new GetPresencesByUserIdPostRequestBody();
        body.setIds(List.of(MEGAN, UNKNOWN_USER));
        List<Presence> value = client(ADELE).communications().getPresencesByUserId().post(body).getValue();
        assertEquals(List.of(MEGAN, UNKNOWN_USER), value.stream().map(Presence::getId).toList());
        assertEquals("Offline/Offline", pair(value.get(0)));
        assertEquals("PresenceUnknown/PresenceUnknown", pair(value.get(1)));
    }

    @Test
    void aStatusMessageInAWindowsZoneExpiresAtItsTime() {
        GraphServiceClient megan = client(MEGAN);
        megan.me().presence().setPresence().post(session("Busy", "InACall"));
        ItemBody message = new ItemBody();
        message.setContent("In workshops");
        message.setContentType(BodyType.Text);
        DateTimeTimeZone expiry = new DateTimeTimeZone();
        expiry.setDateTime("2026-11-23T05:00:00");   // 13:00 UTC, four hours after the start
        expiry.setTimeZone("Pacific Standard Time");
        PresenceStatusMessage status = new PresenceStatusMessage();
        status.setMessage(message);
        status.setExpiryDateTime(expiry);
        SetStatusMessagePostRequestBody body = new SetStatusMessagePostRequestBody();
        body.setStatusMessage(status);
        megan.me().presence().setStatusMessage().post(body);

        PresenceStatusMessage shown = megan.me().presence().get().getStatusMessage();
        assertEquals("In workshops", shown.getMessage().getContent());
        assertEquals("Pacific Standard Time", shown.getExpiryDateTime().getTimeZone());
        assertNotNull(shown.getPublishedDateTime());
        stack.clock().advance(Duration.ofHours(4));
        assertNull(megan.me().presence().get().getStatusMessage());
    }

    @Test
    void errorsParseAsODataErrors() {
        GraphServiceClient adele = client(ADELE);
        ODataError unknown = assertThrows(ODataError.class, () -> adele.users().byUserId(UNKNOWN_USER).presence().get());
        assertEquals(404, unknown.getResponseStatusCode());
        assertEquals("NotFound", unknown.getError().getCode());
        ODataError forbidden = assertThrows(ODataError.class,
                () -> adele.users().byUserId(MEGAN).presence().setPresence().post(session("Away", "Away")));
        assertEquals(403, forbidden.getResponseStatusCode());
        assertEquals("Forbidden", forbidden.getError().getCode());
    }
}
