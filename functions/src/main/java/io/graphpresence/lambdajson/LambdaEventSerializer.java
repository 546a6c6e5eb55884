package io.graphpresence.lambdajson;

import io.micronaut.function.aws.JsonMapperCustomPojoSerializer;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.ObjectMapper;

import java.util.Map;

/**
 * The serializer the Lambda runtime finds in the jar (META-INF/services) and reads every event
 * and writes every answer with: Micronaut Serde over {@link LambdaEventTypes}, in a small
 * context of Serde's own beans and this package's.
 */
public final class LambdaEventSerializer extends JsonMapperCustomPojoSerializer {

    @Override
    protected JsonMapper createDefault() {
        return ObjectMapper.create(Map.of(), LambdaEventSerializer.class.getPackageName());
    }
}
