package io.graphpresence.layering.violations.store;

import io.graphpresence.layering.violations.api.GraphJson;

/** Breaks a rule on purpose: storage that knows Graph's JSON. */
public class StoreUsingApi {

    public String write(GraphJson json) {
        return json.toString();
    }
}
