package io.graphpresence.store;

/**
 * One bounded read of a {@link DueSlice}: what is due in it, and the rest of the slice to read
 * next, or null when the slice is read to its end.
 */
public record DuePage(DueWork work, DueSlice rest) {
}
