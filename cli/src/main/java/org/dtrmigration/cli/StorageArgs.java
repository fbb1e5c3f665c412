package org.dtrmigration.cli;

import java.util.Map;
import org.dtrmigration.migration.StorageAccess;
import org.dtrmigration.storage.EnvironmentCredentials;
import org.dtrmigration.storage.StorageLocation;

/** Storage locations given on the command line, with credentials from the environment (as the AWS and Azure CLIs take them). */
final class StorageArgs {

    private StorageArgs() {
    }

    static StorageAccess access(String text, String option, Map<String, String> env) {
        if (text == null) {
            return null;
        }
        StorageLocation location = StorageLocation.parse(text, option);
        return new StorageAccess(location, new EnvironmentCredentials(env).resolve(location, option));
    }
}
