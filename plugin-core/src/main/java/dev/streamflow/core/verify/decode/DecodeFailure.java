package dev.streamflow.core.verify.decode;

/** An input could not be decoded as asked; the message names the input and what went wrong. */
final class DecodeFailure extends Exception {

    DecodeFailure(String message) {
        super(message);
    }
}
