package com.ghldata.web;

import io.vertx.ext.web.RoutingContext;

/** Who is calling. Until accounts exist every job belongs to the anonymous owner (null). */
final class Users {
  private Users() {}

  static String id(RoutingContext rc) {
    return rc.user() == null ? null : rc.user().subject();
  }
}
