package com.cloudbees.plugins.credentials;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.List;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.CredentialsMatchers} (credentials): every factory method throws.
 * The private constructor only suppresses an implicit one and is not API.
 */
@SuppressWarnings("rawtypes")
public class CredentialsMatchers {
    private CredentialsMatchers() {
    }

    @NonNull
    public static CredentialsMatcher always() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher never() {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher not(@NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher instanceOf(@NonNull Class clazz) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher withId(@NonNull String id) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher withScope(@NonNull CredentialsScope scope) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher withScopes(@NonNull CredentialsScope... scopes) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher withUsername(@NonNull String username) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher allOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher anyOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher both(@NonNull CredentialsMatcher a, @NonNull CredentialsMatcher b) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher either(@NonNull CredentialsMatcher a, @NonNull CredentialsMatcher b) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static CredentialsMatcher noneOf(@NonNull CredentialsMatcher... matchers) {
        throw new UnsupportedOperationException();
    }

    @NonNull
    public static <C extends Credentials> List<C> filter(@NonNull List<C> credentials,
            @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    @CheckForNull
    public static <C extends Credentials> C firstOrNull(@NonNull Iterable<C> credentials,
            @NonNull CredentialsMatcher matcher) {
        throw new UnsupportedOperationException();
    }

    public static <C extends Credentials> C firstOrDefault(@NonNull Iterable<C> credentials,
            @NonNull CredentialsMatcher matcher, C defaultIfNone) {
        throw new UnsupportedOperationException();
    }
}
