package dev.roberto.auth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.auth.DeviceLogin;
import dev.roberto.testsupport.auth.DeviceLogin.DeviceCode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Polls that race for one approved login: exactly one gets tokens. */
@QuarkusTest
class ConcurrentRedemptionTest {

  private static final int POLLERS = 8;

  @TestHTTPResource("/")
  URL root;

  @Test
  void concurrentPollsRedeemOnce() throws Exception {
    String baseUri = DeviceFlowSteps.baseUri(root);
    DeviceCode code = DeviceLogin.start(baseUri, "cli");
    DeviceFlowSteps.approve(baseUri, code.userCode());

    List<Response> responses = pollAllAtOnce(baseUri, code.deviceCode());

    long successes = responses.stream().filter(r -> r.statusCode() == 200).count();
    assertEquals(1, successes, "polls that received tokens");
    for (Response response : responses) {
      if (response.statusCode() != 200) {
        assertEquals(400, response.statusCode());
        assertEquals("invalid_grant", response.path("code"));
      }
    }
    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM device_authorization"
                + " WHERE device_code_hash = ? AND status = 'redeemed'",
            Secrets.sha256(code.deviceCode())));
  }

  private static List<Response> pollAllAtOnce(String baseUri, String deviceCode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(POLLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < POLLERS; i++) {
        Callable<Response> poll =
            () -> {
              start.await();
              return DeviceLogin.poll(baseUri, deviceCode);
            };
        futures.add(pool.submit(poll));
      }
      start.countDown();
      List<Response> responses = new ArrayList<>();
      for (Future<Response> future : futures) {
        responses.add(future.get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }
}
