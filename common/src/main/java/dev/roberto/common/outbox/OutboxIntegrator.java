package dev.roberto.common.outbox;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;

/**
 * Registers {@link OutboxCommitListener} with Hibernate. Hibernate finds this class through {@code
 * META-INF/services/org.hibernate.integrator.spi.Integrator}.
 */
public class OutboxIntegrator implements Integrator {

  @Override
  public void integrate(
      Metadata metadata,
      BootstrapContext bootstrapContext,
      SessionFactoryImplementor sessionFactory) {
    sessionFactory
        .getServiceRegistry()
        .requireService(EventListenerRegistry.class)
        .appendListeners(EventType.POST_COMMIT_INSERT, new OutboxCommitListener());
  }
}
