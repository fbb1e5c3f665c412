package io.jenkins.plugins.dtrmigration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.Launcher;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Launcher for tests that behaves like {@code Launcher.LocalLauncher}: it runs the process on this
 * machine with the JVM's environment plus the overrides, wiring stdin/stdout/stderr to the given
 * streams, and records what the process got (command line, environment overrides, quiet). Like the
 * real one (core 2.479, {@code LocalLauncher.launch}) it expands {@code $NAME}, {@code ${NAME}} and
 * {@code $$} in the overrides ({@code EnvVars.overrideExpandingAll}) and then in the arguments
 * ({@code EnvVars.expand}), with {@code Util.replaceMacro}'s rules: unknown names stay as they are.
 */
final class FakeLaunchers implements LauncherFactory {
    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Launched>> RECORDS = new ConcurrentHashMap<>();

    /** One process as the plugin launched it. */
    record Launched(List<String> cmds, Map<String, String> envs, boolean quiet) {
    }

    private final String key = UUID.randomUUID().toString();

    List<Launched> launched() {
        return RECORDS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public Launcher create(TaskListener listener) {
        Launcher launcher = mock(Launcher.class);
        when(launcher.launch()).thenAnswer(inv -> starter());
        return launcher;
    }

    private static final class State {
        List<String> cmds = List.of();
        Map<String, String> envs = Map.of();
        boolean quiet;
        InputStream stdin;
        OutputStream stdout;
        OutputStream stderr;
    }

    @SuppressWarnings("unchecked")
    private Launcher.ProcStarter starter() throws IOException, InterruptedException {
        State st = new State();
        Launcher.ProcStarter ps = mock(Launcher.ProcStarter.class);
        when(ps.cmds(anyList())).thenAnswer(i -> {
            st.cmds = new ArrayList<>((List<String>) i.getArgument(0));
            return ps;
        });
        when(ps.envs(anyMap())).thenAnswer(i -> {
            st.envs = new HashMap<>((Map<String, String>) i.getArgument(0));
            return ps;
        });
        when(ps.quiet(anyBoolean())).thenAnswer(i -> {
            st.quiet = i.getArgument(0);
            return ps;
        });
        when(ps.stdin(any(InputStream.class))).thenAnswer(i -> {
            st.stdin = i.getArgument(0);
            return ps;
        });
        when(ps.stdout(any(OutputStream.class))).thenAnswer(i -> {
            st.stdout = i.getArgument(0);
            return ps;
        });
        when(ps.stderr(any(OutputStream.class))).thenAnswer(i -> {
            st.stderr = i.getArgument(0);
            return ps;
        });
        when(ps.join()).thenAnswer(i -> run(st));
        return ps;
    }

    private int run(State st) throws IOException, InterruptedException {
        Map<String, String> jobEnv = new HashMap<>(System.getenv());
        Map<String, String> overrides = new HashMap<>();
        st.envs.forEach((k, v) -> {
            String value = replaceMacro(v, jobEnv);
            overrides.put(k, value);
            jobEnv.put(k, value);
        });
        List<String> cmds = st.cmds.stream().map(a -> replaceMacro(a, jobEnv)).toList();
        launched().add(new Launched(cmds, Map.copyOf(overrides), st.quiet));
        ProcessBuilder pb = new ProcessBuilder(cmds);
        pb.environment().putAll(overrides);
        Process p = pb.start();
        Thread in = pump(st.stdin, p.getOutputStream(), true);
        Thread out = pump(p.getInputStream(), st.stdout, false);
        Thread err = pump(p.getErrorStream(), st.stderr, false);
        int code = p.waitFor();
        in.join();
        out.join();
        err.join();
        return code;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z0-9_]+|\\{[A-Za-z0-9_.]+\\}|\\$)");

    /** {@code hudson.Util.replaceMacro}: {@code $$} is one {@code $}; known names are replaced, unknown ones kept. */
    static String replaceMacro(String s, Map<String, String> variables) {
        int idx = 0;
        while (true) {
            Matcher m = VARIABLE.matcher(s);
            if (!m.find(idx)) {
                return s;
            }
            String key = m.group().substring(1);
            String value;
            if (key.charAt(0) == '$') {
                value = "$";
            } else {
                value = variables.get(key.charAt(0) == '{' ? key.substring(1, key.length() - 1) : key);
            }
            if (value == null) {
                idx = m.end();
            } else {
                s = s.substring(0, m.start()) + value + s.substring(m.end());
                idx = m.start() + value.length();
            }
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
        Thread t = new Thread(() -> {
            try {
                if (from != null && to != null) {
                    from.transferTo(to);
                }
                if (closeTarget && to != null) {
                    to.close();
                } else if (to != null) {
                    to.flush();
                }
            } catch (IOException e) {
                if (!closeTarget) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        t.start();
        return t;
    }
}
