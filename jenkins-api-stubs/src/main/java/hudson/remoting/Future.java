package hudson.remoting;

/** Stub of {@code hudson.remoting.Future} (remoting). */
public interface Future<V> extends java.util.concurrent.Future<V> {
}
