package com.ghldata.web;

import com.ghldata.Application;
import com.ghldata.TestServices;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One node per test class against the real test services, with an empty database and a freshly
 * signed-up account ({@link #api()}) before each test:
 * {@code @RegisterExtension static final TestNode node = new TestNode(Map.of("NODE_ROLES", "http,store"));}
 */
public final class TestNode implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private final Map<String, String> overrides;
  private Application app;
  private Api anonymous;
  private Api api;

  public TestNode(Map<String, String> overrides) {
    this.overrides = Map.copyOf(overrides);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    // Jobs an earlier class left queued must not be claimed by this node before its first test.
    TestServices.resetDatabase();
    app = TestServices.start(overrides);
    anonymous = new Api(app.httpPort());
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    TestServices.resetDatabase();
    api = anonymous.signedUp();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (app != null) {
      app.close();
    }
  }

  public Application app() {
    return app;
  }

  /** A client signed in as this test's own account. */
  public Api api() {
    return api;
  }

  /** A client with no session. */
  public Api anonymous() {
    return anonymous;
  }
}
