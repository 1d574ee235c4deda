package dev.roberto.runtime;

import dev.roberto.testsupport.contract.BillingSnapshotConsumerContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BillingSyncedConsumerTest extends BillingSnapshotConsumerContract {}
