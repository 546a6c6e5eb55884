package io.graphpresence.wiring;

import io.graphpresence.api.GraphResponses;
import io.micronaut.context.annotation.Factory;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

@Factory
public class GraphResponsesFactory {

    @Singleton
    GraphResponses graphResponses(JsonMapper json) {
        return new GraphResponses(json);
    }
}
