package io.jenkins.plugins.dtrmigration;

import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.Serializable;

/** Creates the launcher that starts processes on the agent; travels with the callable. */
interface LauncherFactory extends Serializable {

    Launcher create(TaskListener listener);

    /** The agent's own launcher: processes start on the machine the callable runs on. */
    final class Local implements LauncherFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public Launcher create(TaskListener listener) {
            return new Launcher.LocalLauncher(listener);
        }
    }
}
