package io.graphpresence.layering.violations.api;

/** A stand-in for a handler package's type. */
public class GraphJson {
}
