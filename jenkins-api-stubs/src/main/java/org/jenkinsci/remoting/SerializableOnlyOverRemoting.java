package org.jenkinsci.remoting;

import java.io.Serializable;

/**
 * Stub of {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting} (remoting). Its only member upstream,
 * {@code getChannelForSerialization()}, is {@code @Restricted} and therefore not stubbed.
 */
public interface SerializableOnlyOverRemoting extends Serializable {
}
