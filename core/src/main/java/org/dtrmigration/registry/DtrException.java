package org.dtrmigration.registry;

import java.io.IOException;

/**
 * A failure talking to DTR/MSR that a person can act on. Messages name the URL and user, never the
 * token; front ends print {@link #getMessage()} as is.
 */
public class DtrException extends IOException {
    private static final long serialVersionUID = 1L;

    public DtrException(String message) {
        super(message);
    }

    public DtrException(String message, Throwable cause) {
        super(message, cause);
    }

    /** 401: the username/token pair was refused. */
    public static final class AuthenticationFailed extends DtrException {
        private static final long serialVersionUID = 1L;

        public AuthenticationFailed(String message) {
            super(message);
        }
    }

    /** 403: the user is known but may not do this (not an administrator). */
    public static final class PermissionDenied extends DtrException {
        private static final long serialVersionUID = 1L;

        public PermissionDenied(String message) {
            super(message);
        }
    }

    /** The URL answers, but not as a DTR/MSR API (404 on /api/v0, HTML, a proxy page). */
    public static final class NotDtr extends DtrException {
        private static final long serialVersionUID = 1L;

        public NotDtr(String message) {
            super(message);
        }
    }

    /** The host cannot be reached (DNS, refused, timed out, connection dropped). */
    public static final class Unreachable extends DtrException {
        private static final long serialVersionUID = 1L;

        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** TLS handshake or certificate verification failed. */
    public static final class TlsFailure extends DtrException {
        private static final long serialVersionUID = 1L;

        public TlsFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** DTR answered with an error status (4xx/5xx) that is none of the above. */
    public static final class ApiError extends DtrException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        public ApiError(String message, int status, String code) {
            super(message);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        /** DTR's error code (e.g. NO_SUCH_REPOSITORY), or null. */
        public String code() {
            return code;
        }
    }

    /** A job ended in a status other than {@code done}, or did not end in time. */
    public static final class JobFailed extends DtrException {
        private static final long serialVersionUID = 1L;
        private final String jobId;
        private final String status;

        public JobFailed(String message, String jobId, String status) {
            super(message);
            this.jobId = jobId;
            this.status = status;
        }

        public String jobId() {
            return jobId;
        }

        public String status() {
            return status;
        }
    }

    /** Waiting for a state (read-only, a job) took longer than allowed. */
    public static final class Timeout extends DtrException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }
}
