package io.jenkins.plugins.dtrmigration;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.net.URI;
import org.dtrmigration.registry.DtrEndpoint;
import org.dtrmigration.registry.TlsOptions;
import org.dtrmigration.secret.Secret;

/**
 * Resolves a step's DTR connection on the controller: the Username/Password credential (DTR user and
 * access token) is looked up for the build and tracked; only the resolved values go to the agent.
 */
final class DtrCredentials {

    private DtrCredentials() {
    }

    static DtrEndpoint resolve(Run<?, ?> run, DtrConnection connection) throws AbortException {
        URI url;
        TlsOptions tls;
        try {
            url = DtrEndpoint.parseUrl("url", connection.url());
            tls = new TlsOptions(connection.caCertificate(), connection.insecure());
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        String id = connection.credentialsId();
        if (id == null || id.isBlank()) {
            throw new AbortException("credentialsId: required, the id of a 'Username with password' credential"
                    + " holding a DTR/MSR administrator and an access token");
        }
        StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(id,
                StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            IdCredentials other = CredentialsProvider.findCredentialById(id, IdCredentials.class, run);
            if (other != null) {
                throw new AbortException("credentialsId: '" + id + "' is a " + other.getClass().getSimpleName()
                        + ", expected a 'Username with password' credential (DTR user + access token)");
            }
            throw new AbortException("credentialsId: no 'Username with password' credential with id '" + id
                    + "' is visible to " + run.getFullDisplayName());
        }
        CredentialsProvider.track(run, c);
        try {
            return new DtrEndpoint(url, c.getUsername(), Secret.of(c.getPassword().getPlainText()), tls);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage().replaceFirst("^token:", "credentialsId '" + id + "':")
                    .replaceFirst("^username:", "credentialsId '" + id + "': username"));
        }
    }
}
