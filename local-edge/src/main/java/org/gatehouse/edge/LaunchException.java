package org.gatehouse.edge;

/** The local run could not start; the message says what to do about it. */
public final class LaunchException extends Exception {

    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
