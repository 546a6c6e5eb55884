package io.graphpresence.observe;

/**
 * Where the downstream calls of an invocation (DynamoDB, subscribers' webhooks) are recorded
 * as X-Ray subsegments of the function's segment, when Lambda traces it ({@link XRaySubsegments});
 * {@link #OFF} everywhere else (the local stack, tests), which records nothing.
 */
public interface Subsegments {

    Subsegments OFF = new Subsegments() {
        @Override
        public boolean on() {
            return false;
        }

        @Override
        public Call start(String name) {
            return Call.NONE;
        }
    };

    /** Whether anything is recorded at all; off, nothing is worth setting up. */
    boolean on();

    /** Starts timing a call made for the invocation this thread is running. */
    Call start(String name);

    /** One call being timed: ended once, by one of these. */
    interface Call {

        Call NONE = new Call() {
            @Override
            public void awsCall(String operation, String tableName, int status) {
            }

            @Override
            public void httpCall(String method, String url, int status) {
            }
        };

        /** An AWS service's answer ({@code status} 0: none came); {@code tableName} may be null. */
        void awsCall(String operation, String tableName, int status);

        /** An HTTP endpoint's answer ({@code status} 0: none came); {@code url} as it may be shown, without its query. */
        void httpCall(String method, String url, int status);
    }
}
