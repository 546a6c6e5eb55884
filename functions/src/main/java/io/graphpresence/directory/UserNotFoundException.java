package io.graphpresence.directory;

/** No tenant knows this user id. */
public class UserNotFoundException extends RuntimeException {
    public UserNotFoundException(String userId) {
        super("User '" + userId + "' was not found.");
    }
}
