package hudson.model;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.Collection;
import org.springframework.security.access.AccessDeniedException;

/** Stub of {@code hudson.model.ItemGroup} (jenkins-core). */
public interface ItemGroup<T extends Item> extends PersistenceRoot, ModelObject {
    String getFullName();

    String getFullDisplayName();

    Collection<T> getItems();

    String getUrl();

    String getUrlChildPrefix();

    @CheckForNull
    T getItem(String name) throws AccessDeniedException;
}
