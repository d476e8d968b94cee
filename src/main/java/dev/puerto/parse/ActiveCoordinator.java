package dev.puerto.parse;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventLocator;
import org.glassfish.jaxb.runtime.v2.runtime.Coordinator;

/**
 * Keeps a JAXB coordinator active on the thread while a record is bound, purely for speed.
 *
 * <p>The JAXB runtime makes its unmarshalling context the thread's current {@link Coordinator}
 * around every single XML event, through a {@code ThreadLocal}, and restores the previous one
 * afterwards. With none active before, every event creates a thread-local entry and removes it
 * again (a weak reference, map clean-up): measured, about a sixth of the time spent parsing. With
 * this one active, each event only swaps the value. Inside every event JAXB's own context still
 * takes over, so nothing ever reaches this one. Not thread-safe; one per document, entered and left
 * by the same thread.
 */
final class ActiveCoordinator extends Coordinator {
  void enter() {
    pushCoordinator();
  }

  void leave() {
    popCoordinator();
  }

  @Override
  protected ValidationEventLocator getLocation() {
    return null;
  }

  /** Never called, as JAXB reports to its own context; stop rather than ignore, to be safe. */
  @Override
  public boolean handleEvent(ValidationEvent event) {
    return false;
  }
}
