package io.jenkins.plugins.dtrmigration;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import org.dtrmigration.bootstrapper.BootstrapperImage;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Base of the steps that run the DTR/MSR bootstrapper ({@code docker run docker/dtr:V …}) on the
 * agent: besides the DTR connection they take the UCP/MKE connection (URL, a Username/Password
 * credential, its CA or an explicit insecure flag), the replica id and optionally the image.
 */
public abstract class BootstrapperStep extends DtrApiStep {

    private String ucpUrl;
    private String ucpCredentialsId;
    private String ucpCaCertificate;
    private boolean ucpInsecure;
    private String replicaId;
    private String image;
    private transient LauncherFactory launchers;

    @CheckForNull
    public String getUcpUrl() {
        return ucpUrl;
    }

    /** The UCP/MKE URL, e.g. {@code https://ucp.example.com}. */
    @DataBoundSetter
    public void setUcpUrl(String ucpUrl) {
        this.ucpUrl = emptyToNull(ucpUrl);
    }

    @CheckForNull
    public String getUcpCredentialsId() {
        return ucpCredentialsId;
    }

    /** A 'Username with password' credential: a UCP/MKE administrator and their password (passed to docker via its environment). */
    @DataBoundSetter
    public void setUcpCredentialsId(String ucpCredentialsId) {
        this.ucpCredentialsId = emptyToNull(ucpCredentialsId);
    }

    @CheckForNull
    public String getUcpCaCertificate() {
        return ucpCaCertificate;
    }

    /** PEM of UCP/MKE's CA (from https://UCP/ca), given to the bootstrapper as {@code --ucp-ca}. */
    @DataBoundSetter
    public void setUcpCaCertificate(String ucpCaCertificate) {
        this.ucpCaCertificate = emptyToNull(ucpCaCertificate);
    }

    public boolean isUcpInsecure() {
        return ucpInsecure;
    }

    /** {@code --ucp-insecure-tls}: for labs only. */
    @DataBoundSetter
    public void setUcpInsecure(boolean ucpInsecure) {
        this.ucpInsecure = ucpInsecure;
    }

    @CheckForNull
    public String getReplicaId() {
        return replicaId;
    }

    /** The DTR replica (12 hex digits). */
    @DataBoundSetter
    public void setReplicaId(String replicaId) {
        this.replicaId = emptyToNull(replicaId);
    }

    @CheckForNull
    public String getImage() {
        return image;
    }

    /** The bootstrapper image, e.g. {@code docker/dtr:2.7.5}; default: the one for DTR's version (restore: the backup's). */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = emptyToNull(image);
    }

    /** For tests: how processes are started on the agent. */
    void setLaunchers(LauncherFactory launchers) {
        this.launchers = launchers;
    }

    LauncherFactory launchers() {
        return launchers != null ? launchers : new LauncherFactory.Local();
    }

    BootstrapperImage parsedImage() throws AbortException {
        try {
            return image == null ? null : BootstrapperImage.parse(image, "image");
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }
}
