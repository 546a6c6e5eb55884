package io.graphpresence.batch;

/** A batch that cannot be run as it stands: the whole batch is refused, nothing in it runs. */
public class InvalidBatchException extends RuntimeException {

    public InvalidBatchException(String message) {
        super(message);
    }
}
