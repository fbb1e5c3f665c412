package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.util.FormValidation;
import java.net.URI;
import java.util.Locale;
import org.dtrmigration.bootstrapper.BootstrapperCommand;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.dtrmigration.bootstrapper.StorageTarget;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.copy.CopyOptions;
import org.dtrmigration.copy.VerifyOptions;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.TlsOptions;
import org.dtrmigration.secret.Secret;
import org.dtrmigration.storage.StorageLocation;
import org.dtrmigration.util.Durations;

/**
 * Snippet Generator validation shared by every step's descriptor. Each check runs the parser the step itself runs
 * when the build starts, so the form and the build reject the same values with the same words. The form shows a
 * message under its field, so the parser's leading {@code "parameter: "} is dropped.
 *
 * <p>For a field with its own parser (for example a shard), use {@link #check(String, String, Rule)} with that
 * parser: {@code return FormChecks.check("shard", value, v -> Shard.parse("shard", v));}.
 */
public final class FormChecks {

    private FormChecks() {
    }

    /** A parser that accepts a value or throws with a message that starts with the parameter's name. */
    @FunctionalInterface
    public interface Rule {
        /** @throws IllegalArgumentException or {@link AbortException} naming the parameter */
        void apply(String value) throws AbortException;
    }

    /**
     * Runs {@code rule} on {@code value}: {@link FormValidation#ok()} when it accepts it, otherwise an error with the
     * rule's message minus the {@code "parameter: "} prefix.
     */
    public static FormValidation check(String parameter, @CheckForNull String value, Rule rule) {
        try {
            rule.apply(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException | AbortException e) {
            return FormValidation.error(withoutParameter(parameter, e.getMessage()));
        }
    }

    /** The DTR/MSR base URL of {@link DtrApiStep#setUrl}: required; plain http is allowed but warned about. */
    public static FormValidation dtrUrl(@CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.error("Required: the DTR/MSR URL, e.g. https://dtr.example.com");
        }
        URI uri;
        try {
            uri = DtrEndpoint.parseUrl("url", value);
            // The endpoint's own rules (scheme, host, no user info or query) need a user and a token; the
            // placeholders never leave this method.
            new DtrEndpoint(uri, "form-check", Secret.of("form-check"), TlsOptions.verified());
        } catch (IllegalArgumentException e) {
            return FormValidation.error(withoutParameter("url", e.getMessage()));
        }
        if ("http".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            return FormValidation.warning("Plain http: the access token would cross the network unencrypted. "
                    + "Use https unless this is a lab.");
        }
        return FormValidation.ok();
    }

    /** A duration such as {@code 90s}, {@code 30m} or {@code 2h}; blank means the step's default. */
    public static FormValidation duration(String parameter, @CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.ok();
        }
        return check(parameter, value, v -> Durations.parse(parameter, v));
    }

    /** A file inside the workspace (relative, no {@code ..}); blank means the step's default. */
    public static FormValidation workspaceFile(String parameter, @CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.ok();
        }
        return check(parameter, value, v -> WorkspaceFiles.checkRelative(parameter, v));
    }

    /** A file inside the workspace (relative, no {@code ..}) that has no default: blank is an error. */
    public static FormValidation requiredWorkspaceFile(String parameter, @CheckForNull String value) {
        return check(parameter, value, v -> WorkspaceFiles.checkRelative(parameter, v));
    }

    /** Objects or reads in flight: a whole number from 1 to {@link CopyOptions#MAX_CONCURRENCY}, as the engine demands. */
    public static FormValidation concurrency(@CheckForNull String value) {
        return check("concurrency", value, v -> {
            String t = v == null ? "" : v.strip();
            int n;
            try {
                n = Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("concurrency: a whole number from 1 to " + CopyOptions.MAX_CONCURRENCY
                        + " (default " + CopyOptions.DEFAULT_CONCURRENCY + "), got '" + t + "'");
            }
            new VerifyOptions(false, false, n); // the engine's own bounds, shared by the copy and the verification
        });
    }

    /** A storage location URI ({@code file:///…}, {@code s3://…}, {@code azure://…}); required. */
    public static FormValidation location(String parameter, @CheckForNull String value) {
        return check(parameter, value, v -> StorageLocation.parse(v, parameter));
    }

    /** A storage location URI read by the agent; blank means the step's default (usually the target itself). */
    public static FormValidation optionalLocation(String parameter, @CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.ok();
        }
        return location(parameter, value);
    }

    /**
     * The storage a restore or reconfigure points DTR at ({@code volume:NAME}, {@code /host/path}, {@code nfs://host/dir},
     * {@code s3://…}, {@code azure://…}); required. When the step must prove the copy ({@code mustProve}) and the agent
     * cannot read the target (a volume name, NFS) and no {@code checkStorage} is given, the step will refuse: a warning
     * says so, and mentions {@code skipDestinationCheck} when that would let it go on ({@code skipPossible}).
     */
    public static FormValidation storageTarget(String parameter, @CheckForNull String value, @CheckForNull String checkStorage,
            boolean mustProve, boolean skipPossible) {
        StorageTarget target;
        try {
            target = StorageTarget.parse(value, parameter);
        } catch (IllegalArgumentException e) {
            return FormValidation.error(withoutParameter(parameter, e.getMessage()));
        }
        if (mustProve && isBlank(checkStorage) && target.readableLocation().isEmpty()) {
            return FormValidation.warning("The agent cannot read " + target.describe() + " to prove it holds the copy, so the step"
                    + " will refuse: give checkStorage, the same data as file:///…, s3://… or azure://…"
                    + (skipPossible ? " (or set skipDestinationCheck to go on without that proof)" : ""));
        }
        return FormValidation.ok();
    }

    /** The UCP/MKE URL of {@link BootstrapperStep#setUcpUrl}: required, no whitespace, no credentials in it. */
    public static FormValidation ucpUrl(@CheckForNull String value) {
        // The connection's own rules; the placeholder user and password never leave this method.
        return check("ucpUrl", value, v -> new UcpConnection(v, "form-check", Secret.of("form-check"), null, true));
    }

    /** PEM of UCP's CA, or {@code ucpInsecure}: exactly one of the two, as {@link UcpConnection} demands. */
    public static FormValidation ucpCaCertificate(@CheckForNull String value, boolean ucpInsecure) {
        if (!isBlank(value) && ucpInsecure) {
            return FormValidation.error("Give this or ucpInsecure, not both");
        }
        return check("ucpCaCertificate", value,
                v -> new UcpConnection("https://form-check", "form-check", Secret.of("form-check"), v, ucpInsecure));
    }

    /** A DTR replica id (12 lowercase hex digits); required. */
    public static FormValidation replicaId(String parameter, @CheckForNull String value) {
        return check(parameter, value, v -> BootstrapperCommand.checkReplicaId(parameter, v));
    }

    /** A bootstrapper image with an exact version tag; blank means the step's default (derived from DTR or the backup). */
    public static FormValidation bootstrapperImage(@CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.ok();
        }
        return check("image", value, v -> BootstrapperImage.parse(v, "image"));
    }

    /** PEM text of a CA certificate; blank means the agent JVM's trust store. */
    public static FormValidation caCertificate(@CheckForNull String value) {
        if (isBlank(value)) {
            return FormValidation.ok();
        }
        return check("caCertificate", value, v -> new TlsOptions(v, false));
    }

    static String withoutParameter(String parameter, @CheckForNull String message) {
        if (message == null || message.isBlank()) {
            return "Invalid value";
        }
        String m = message.startsWith(parameter + ": ") ? message.substring(parameter.length() + 2) : message;
        return m.isEmpty() ? m : Character.toUpperCase(m.charAt(0)) + m.substring(1);
    }

    static boolean isBlank(@CheckForNull String value) {
        return value == null || value.isBlank();
    }
}
