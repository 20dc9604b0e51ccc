/**
 * Probabilistic micropayments (tickets, sender and recipient sessions), the Ethereum key and the chain clients. Filled by the payments work; nothing here knows about video.
 */
package dev.streamflow.pm;
