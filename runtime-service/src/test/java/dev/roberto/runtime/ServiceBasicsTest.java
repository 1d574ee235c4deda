package dev.roberto.runtime;

import dev.roberto.testsupport.contract.ServiceBasicsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ServiceBasicsTest extends ServiceBasicsContract {

  @Override
  protected String apiPrefix() {
    return "/api/runtime";
  }
}
