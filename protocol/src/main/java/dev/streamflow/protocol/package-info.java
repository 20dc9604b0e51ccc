/**
 * The Livepeer wire protocol: messages, header codecs, segment and result signatures, and the orchestrator client. Filled by the orchestrator-offload work.
 */
package dev.streamflow.protocol;
