package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.io.Serializable;

/**
 * Stub of {@code hudson.model.Result} (jenkins-core), with a subset of its supertypes. The constants are distinct
 * placeholder instances (compare them by identity); the private constructor is not API.
 */
public final class Result implements Serializable {
    private Result() {
    }

    @NonNull
    public static final Result SUCCESS = new Result();

    @NonNull
    public static final Result UNSTABLE = new Result();

    @NonNull
    public static final Result FAILURE = new Result();

    @NonNull
    public static final Result NOT_BUILT = new Result();

    @NonNull
    public static final Result ABORTED = new Result();

    @NonNull
    public Result combine(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public static Result combine(Result r1, Result r2) {
        throw new UnsupportedOperationException();
    }

    public boolean isWorseThan(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isWorseOrEqualTo(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterThan(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isBetterOrEqualTo(@NonNull Result that) {
        throw new UnsupportedOperationException();
    }

    public boolean isCompleteBuild() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static Result fromString(@NonNull String s) {
        throw new UnsupportedOperationException();
    }
}
