package dev.roberto.common.outbox;

import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Wakes the {@link OutboxRelay} right after a transaction that inserted outbox rows has committed,
 * so an event does not wait for the relay's next scheduled sweep. Hibernate calls it once per
 * inserted row, and the relay folds the calls of one commit into one run.
 *
 * <p>Hibernate creates this listener itself, outside CDI, so the relay registers its wake-up here
 * at startup.
 */
public class OutboxCommitListener implements PostCommitInsertEventListener {

  private static final Runnable NOTHING = () -> {};

  private static volatile Runnable wakeUp = NOTHING;

  /** Sets what runs after each commit that inserted an outbox row; null clears it. */
  static void onCommit(Runnable action) {
    wakeUp = action == null ? NOTHING : action;
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    if (event.getEntity() instanceof OutboxMessage) {
      wakeUp.run();
    }
  }

  @Override
  public void onPostInsertCommitFailed(PostInsertEvent event) {
    // A rolled-back row was never visible, so there is nothing to send.
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return persister.getMappedClass() == OutboxMessage.class;
  }
}
