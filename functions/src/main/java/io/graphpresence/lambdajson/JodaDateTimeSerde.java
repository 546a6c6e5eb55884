package io.graphpresence.lambdajson;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Encoder;
import io.micronaut.serde.util.NullableSerde;
import jakarta.inject.Singleton;
import org.joda.time.DateTime;

import java.io.IOException;

/** EventBridge's {@code time}, which aws-lambda-java-events types as Joda's DateTime: ISO-8601 both ways. */
@Singleton
final class JodaDateTimeSerde implements NullableSerde<DateTime> {

    @Override
    public void serialize(Encoder encoder, EncoderContext context, Argument<? extends DateTime> type, DateTime value)
            throws IOException {
        encoder.encodeString(value.toString());
    }

    @Override
    public DateTime deserializeNonNull(Decoder decoder, DecoderContext context, Argument<? super DateTime> type)
            throws IOException {
        return DateTime.parse(decoder.decodeString());
    }
}
