package com.cloudbees.jenkins.plugins.awscredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Stub of {@code com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials} (aws-credentials), with a
 * subset of its supertypes: the AWS SDK v1 {@code com.amazonaws.auth.AWSCredentialsProvider} is left out (and with
 * it the deprecated SDK v1 {@code getCredentials(String)}). {@code resolveCredentials()} is inherited from the SDK v2
 * {@link AwsCredentialsProvider}.
 */
public interface AmazonWebServicesCredentials extends StandardCredentials, AwsCredentialsProvider {
    @NonNull
    String getDisplayName();

    AwsCredentials resolveCredentials(String mfaToken);
}
