package dev.roberto.webhook;

import dev.roberto.testsupport.contract.AgentDirectoryConsumerContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AgentChangedConsumerTest extends AgentDirectoryConsumerContract {}
