package io.graphpresence.layering.violations.local;

/** A stand-in for a local-stack class. */
public class LocalOnly {
}
