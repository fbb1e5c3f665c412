package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import org.dtrmigration.bootstrapper.UcpConnection;
import org.dtrmigration.secret.Secret;

/** Resolves the UCP/MKE administrator on the controller; only the resolved values go to the agent. */
final class UcpCredentials {

    private UcpCredentials() {
    }

    static UcpConnection resolve(Run<?, ?> run, String url, String credentialsId, String caPem, boolean insecure)
            throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            throw new AbortException("ucpCredentialsId: required, the id of a 'Username with password' credential holding"
                    + " a UCP/MKE administrator and their password");
        }
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(credentialsId,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(credentialsId, IdCredentials.class, run);
            if (other != null) {
                throw new AbortException("ucpCredentialsId: '" + credentialsId + "' is a " + other.getClass().getSimpleName()
                        + ", expected a 'Username with password' credential (UCP/MKE user + password)");
            }
            throw new AbortException("ucpCredentialsId: no 'Username with password' credential with id '" + credentialsId
                    + "' is visible to " + run.getFullDisplayName());
        }
        CredentialsProvider.track(run, c);
        try {
            return new UcpConnection(url, c.getUsername(), Secret.of(c.getPassword().getPlainText()), caPem, insecure);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage().replaceFirst("^ucpUsername:", "ucpCredentialsId '" + credentialsId + "': username")
                    .replaceFirst("^ucpPassword:", "ucpCredentialsId '" + credentialsId + "': password"));
        }
    }
}
