package com.ghldata.web;

import io.vertx.ext.web.RoutingContext;

/** Who is calling: the subject of the token the security handlers checked (null on public routes). */
final class Users {
  private Users() {}

  static String id(RoutingContext rc) {
    return rc.user() == null ? null : rc.user().subject();
  }
}
