package io.graphpresence.sdk;

import com.microsoft.graph.core.content.BatchRequestContent;
import com.microsoft.graph.core.content.BatchResponseContent;
import com.microsoft.graph.models.BodyType;
import com.microsoft.graph.models.ItemBody;
import com.microsoft.graph.models.Presence;
import com.microsoft.graph.models.PresenceStatusMessage;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.graph.users.item.presence.setpresence.SetPresencePostRequestBody;
import com.microsoft.graph.users.item.presence.setstatusmessage.SetStatusMessagePostRequestBody;
import com.microsoft.kiota.PeriodAndDuration;
import io.graphpresence.local.DevClock;
import io.graphpresence.local.FunctionHarness;
import io.graphpresence.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.graphpresence.local.FunctionHarness.ADELE;
import static io.graphpresence.local.FunctionHarness.APP;
import static io.graphpresence.local.FunctionHarness.CONTOSO;
import static io.graphpresence.local.FunctionHarness.MEGAN;
import static io.graphpresence.local.FunctionHarness.UNKNOWN_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The official Java SDK's BatchRequestContent against the local stack: a mixed batch, every answer read back. */
class GraphSdkBatchTest {

    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, null, null), DevClock.frozenAt(FunctionHarness.START));
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
    }

    @Test
    void aMixedBatchFromTheSdkIsAnsweredRequestByRequest() throws Exception {
        GraphServiceClient graph = LocalGraphClients.withToken(stack,
                stack.tokens().mint(CONTOSO, APP, ADELE, null, null, Duration.ofHours(1)));
        SetPresencePostRequestBody set = new SetPresencePostRequestBody();
        set.setSessionId(APP);
        set.setAvailability("Busy");
        set.setActivity("InACall");
        set.setExpirationDuration(PeriodAndDuration.ofDuration(Duration.ofHours(1)));
        SetStatusMessagePostRequestBody status = new SetStatusMessagePostRequestBody();
        PresenceStatusMessage message = new PresenceStatusMessage();
        ItemBody content = new ItemBody();
        content.setContent("Reviewing the batch");
        content.setContentType(BodyType.Text);
        message.setMessage(content);
        status.setStatusMessage(message);

        BatchRequestContent batch = new BatchRequestContent(graph);
        String setPresence = batch.addBatchRequestStep(graph.me().presence().setPresence().toPostRequestInformation(set));
        String setStatus = batch.addBatchRequestStep(
                graph.me().presence().setStatusMessage().toPostRequestInformation(status));
        String readMine = batch.addBatchRequestStep(graph.me().presence().toGetRequestInformation());
        batch.getBatchRequestSteps().get(readMine).setDependsOn(List.of(setPresence, setStatus));
        String readMegan = batch.addBatchRequestStep(graph.users().byUserId(MEGAN).presence().toGetRequestInformation());
        String readNobody = batch.addBatchRequestStep(
                graph.users().byUserId(UNKNOWN_USER).presence().toGetRequestInformation());
        String afterNobody = batch.addBatchRequestStep(graph.me().presence().toGetRequestInformation());
        batch.getBatchRequestSteps().get(afterNobody).setDependsOn(List.of(readNobody));

        BatchResponseContent answers = graph.getBatchRequestBuilder().post(batch, null);

        Map<String, Integer> statuses = answers.getResponsesStatusCode();
        assertEquals(Map.of(setPresence, 200, setStatus, 200, readMine, 200, readMegan, 200, readNobody, 404,
                afterNobody, 424), statuses);
        Presence mine = answers.getResponseById(readMine, Presence::createFromDiscriminatorValue);
        assertEquals("Busy", mine.getAvailability());
        assertEquals("InACall", mine.getActivity());
        assertEquals("Reviewing the batch", mine.getStatusMessage().getMessage().getContent());
        Presence megan = answers.getResponseById(readMegan, Presence::createFromDiscriminatorValue);
        assertEquals(MEGAN, megan.getId());
        assertEquals("Offline", megan.getAvailability());
    }
}
