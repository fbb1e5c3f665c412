package io.jenkins.plugins.dtrmigration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.mockito.MockedStatic;

/**
 * Runs a step's execution as Jenkins would, minus Jenkins: a mocked StepContext, credentials from a
 * mocked store, and a workspace whose {@code act} really serializes the callable (as sending it to
 * an agent does) before invoking it on a real directory.
 */
final class StepHarness implements AutoCloseable {

    final StepContext context = mock(StepContext.class);
    final Run<?, ?> run = mock(Run.class);
    final TaskListener listener;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final File workspace;
    final MockedStatic<CredentialsProvider> credentials = mockStatic(CredentialsProvider.class);
    /** Every callable and result that crossed the (simulated) channel, serialized. */
    final List<byte[]> wire = new ArrayList<>();

    StepHarness(File workspace) throws Exception {
        this.workspace = workspace;
        this.listener = new ConsoleListener(new PrintStream(console, true, StandardCharsets.UTF_8));
        FilePath ws = mock(FilePath.class);
        when(ws.act(any(FilePath.FileCallable.class))).thenAnswer(inv -> {
            FilePath.FileCallable<?> callable = roundTrip(inv.getArgument(0));
            Object result = callable.invoke(workspace, null);
            return roundTrip(result);
        });
        when(run.getFullDisplayName()).thenReturn("migration #7");
        when(context.get(Run.class)).thenAnswer(inv -> run);
        when(context.get(TaskListener.class)).thenReturn(listener);
        when(context.get(FilePath.class)).thenReturn(ws);
        credentials.when(() -> CredentialsProvider.findCredentialById(anyString(), any(), any(Run.class)))
                .thenReturn(null);
    }

    /** Registers a Username/Password credential with the given id. */
    void usernamePassword(String id, String username, String password) {
        StandardUsernamePasswordCredentials c = mock(StandardUsernamePasswordCredentials.class);
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn(password);
        when(c.getUsername()).thenReturn(username);
        when(c.getPassword()).thenReturn(secret);
        when(c.getId()).thenReturn(id);
        credentials.when(() -> CredentialsProvider.findCredentialById(eq(id), eq(StandardUsernamePasswordCredentials.class),
                any(Run.class))).thenReturn(c);
        credentials.when(() -> CredentialsProvider.findCredentialById(eq(id), eq(IdCredentials.class),
                any(Run.class))).thenReturn(c);
    }

    /** Registers a credential of another kind under {@code id}. */
    void otherCredential(String id, IdCredentials c) {
        credentials.when(() -> CredentialsProvider.findCredentialById(eq(id), eq(IdCredentials.class),
                any(Run.class))).thenReturn(c);
    }

    String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        wire.add(bytes.toByteArray());
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> result(Object o) {
        return (Map<String, Object>) o;
    }

    @Override
    public void close() {
        credentials.close();
    }

    /** A serializable listener, as Jenkins' StreamTaskListener is, writing to the test's console. */
    static final class ConsoleListener implements TaskListener, Serializable {
        private static final long serialVersionUID = 1L;
        private static final java.util.Map<Integer, PrintStream> STREAMS = new java.util.concurrent.ConcurrentHashMap<>();
        private final int key;

        ConsoleListener(PrintStream stream) {
            key = System.identityHashCode(stream);
            STREAMS.put(key, stream);
        }

        @Override
        public PrintStream getLogger() {
            return STREAMS.get(key);
        }
    }
}
