package jenkins;

/** Stub of {@code jenkins.YesNoMaybe} (jenkins-core). */
public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) {
        throw new UnsupportedOperationException();
    }

    public Boolean toBool() {
        throw new UnsupportedOperationException();
    }
}
