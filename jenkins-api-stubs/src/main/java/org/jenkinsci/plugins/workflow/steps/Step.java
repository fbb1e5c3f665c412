package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/**
 * Stub of {@code org.jenkinsci.plugins.workflow.steps.Step} (workflow-step-api). The implicit public constructor
 * exists upstream too.
 */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
