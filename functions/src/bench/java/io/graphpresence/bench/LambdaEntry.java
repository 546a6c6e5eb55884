package io.graphpresence.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ServiceLoader;

/**
 * What the AWS Lambda Java runtime does around a {@code RequestHandler}: read the event's JSON
 * from the invocation's stream, call the handler, write the response's JSON. Like the runtime,
 * it uses the {@link CustomPojoSerializer} the deployed jar declares (Micronaut Serde's, for the
 * functions) and the runtime's own event serializers where a jar declares none (the baseline),
 * and passes an invocation context, as the runtime does on every call.
 */
final class LambdaEntry implements RequestStreamHandler {

    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final Serializer serializer;
    private final Context context;

    private LambdaEntry(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                        Serializer serializer) {
        this.handler = handler;
        this.serializer = serializer;
        this.context = new InvocationContext(handler.getClass().getSimpleName());
    }

    /** The runtime's choice: the jar's own serializer when it declares one. */
    static LambdaEntry of(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                          boolean jarDeclaresSerializer) {
        if (jarDeclaresSerializer) {
            CustomPojoSerializer custom = ServiceLoader.load(CustomPojoSerializer.class,
                    handler.getClass().getClassLoader()).findFirst().orElseThrow();
            return new LambdaEntry(handler, new Serializer() {
                @Override
                public APIGatewayV2HTTPEvent read(InputStream in) {
                    return custom.fromJson(in, APIGatewayV2HTTPEvent.class);
                }

                @Override
                public void write(APIGatewayV2HTTPResponse response, OutputStream out) {
                    custom.toJson(response, out, APIGatewayV2HTTPResponse.class);
                }
            });
        }
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer<APIGatewayV2HTTPEvent> in = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        PojoSerializer<APIGatewayV2HTTPResponse> out = LambdaEventSerializers.serializerFor(
                APIGatewayV2HTTPResponse.class, loader);
        return new LambdaEntry(handler, new Serializer() {
            @Override
            public APIGatewayV2HTTPEvent read(InputStream stream) {
                return in.fromJson(stream);
            }

            @Override
            public void write(APIGatewayV2HTTPResponse response, OutputStream stream) {
                out.toJson(response, stream);
            }
        });
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        serializer.write(handler.handleRequest(serializer.read(input), context), output);
    }

    /** One invocation: the event's bytes in, the response's bytes out. */
    byte[] invoke(byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            handleRequest(new ByteArrayInputStream(event), out, context);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The status code of a response's JSON, read after the clock stopped. */
    static int status(byte[] response) {
        String json = new String(response, java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no statusCode in " + json);
        }
        return Integer.parseInt(m.group(1));
    }

    private interface Serializer {
        APIGatewayV2HTTPEvent read(InputStream in);

        void write(APIGatewayV2HTTPResponse response, OutputStream out);
    }
}
