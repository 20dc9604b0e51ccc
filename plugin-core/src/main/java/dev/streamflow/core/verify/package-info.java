/**
 * Verification of what an orchestrator returns, before it is published: a {@link dev.streamflow.core.verify.Verifier}
 * runs a chain of small named {@link dev.streamflow.core.verify.Check}s on every result (signature, ladder shape,
 * MPEG-TS/H.264 structure, size, frame rate, duration, timestamps, pixel count) and, on a sampled share of the
 * segments, deep content checks whose decoding runs in bounded decode worker processes.
 */
package dev.streamflow.core.verify;
