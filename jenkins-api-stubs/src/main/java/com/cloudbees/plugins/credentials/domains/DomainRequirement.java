package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/**
 * Stub of {@code com.cloudbees.plugins.credentials.domains.DomainRequirement} (credentials). The private constructor
 * only suppresses an implicit one and is not API (build requirements with {@link URIRequirementBuilder}).
 */
public class DomainRequirement implements ExtensionPoint, Serializable {
    private DomainRequirement() {
    }
}
