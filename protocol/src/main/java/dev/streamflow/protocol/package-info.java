/**
 * The Livepeer wire protocol. {@code net}: the generated messages and gRPC stubs (package {@code net} on the
 * wire); {@code wire}: header codecs, signatures, capabilities and profile fields; {@code client}: the
 * orchestrator client (GetOrchestrator, Ping, EndTranscodingSession, {@code POST /segment}, rendition download).
 */
package dev.streamflow.protocol;
